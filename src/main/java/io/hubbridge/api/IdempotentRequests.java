package io.hubbridge.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The outcomes of requests made with an idempotency key, so that a retry gets the first
 * answer instead of doing the work again: the first request with a key runs the work
 * once, and every request with the same scope, key and fingerprint gets its outcome, also
 * while it is still in flight. Only values are remembered: a request that failed may be
 * retried for real. Bounded by count (the oldest key is forgotten first) and by age (from
 * the first request). The lock guards map updates only; nothing waits while holding it.
 *
 * @param <V> the remembered answer
 */
final class IdempotentRequests<V> {

	private final int maxKeys;

	private final Duration ttl;

	private final Clock clock;

	/** Oldest first; guarded by {@code this}. */
	private final LinkedHashMap<Key, Entry<V>> entries;

	IdempotentRequests(int maxKeys, Duration ttl, Clock clock) {
		this.maxKeys = maxKeys;
		this.ttl = ttl;
		this.clock = clock;
		this.entries = new LinkedHashMap<>() {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, Entry<V>> eldest) {
				return size() > IdempotentRequests.this.maxKeys;
			}

		};
	}

	/**
	 * The outcome of the work for this key: runs {@code work} if the key is new (or
	 * forgotten), otherwise the first request's outcome, replayed. Fails with
	 * {@link IdempotencyKeyReusedException} when the key was used with another
	 * fingerprint. The work runs to its end even if every caller cancels, so that a retry
	 * still finds its outcome.
	 */
	Mono<Outcome<V>> execute(String scope, String key, String fingerprint, Supplier<Mono<V>> work) {
		return Mono.defer(() -> {
			Key id = new Key(scope, key);
			Entry<V> entry;
			boolean first = false;
			synchronized (this) {
				Instant now = this.clock.instant();
				expire(now);
				entry = this.entries.get(id);
				if (entry != null && !entry.fingerprint.equals(fingerprint)) {
					return Mono.error(IdempotencyKeyReusedException.of(key));
				}
				if (entry == null) {
					entry = new Entry<>(fingerprint, now);
					this.entries.put(id, entry);
					first = true;
				}
			}
			if (first) {
				run(id, entry, work);
			}
			boolean replayed = !first;
			return entry.outcome.asMono().map((value) -> new Outcome<>(value, replayed));
		});
	}

	private void run(Key id, Entry<V> entry, Supplier<Mono<V>> work) {
		Mono.defer(work).materialize().subscribe((signal) -> {
			if (signal.hasValue()) {
				entry.outcome.tryEmitValue(signal.get());
				return;
			}
			// an error or no answer is not remembered: the next request runs the work
			// again
			forget(id, entry);
			if (signal.hasError()) {
				entry.outcome.tryEmitError(signal.getThrowable());
			}
			else {
				entry.outcome.tryEmitEmpty();
			}
		});
	}

	private synchronized void forget(Key id, Entry<V> entry) {
		this.entries.remove(id, entry);
	}

	private void expire(Instant now) {
		Iterator<Entry<V>> oldestFirst = this.entries.values().iterator();
		while (oldestFirst.hasNext()) {
			Entry<V> entry = oldestFirst.next();
			if (now.isBefore(entry.createdAt.plus(this.ttl))) {
				return;
			}
			oldestFirst.remove();
		}
	}

	/**
	 * How many keys are remembered now (expired ones included until the next request).
	 */
	synchronized int size() {
		return this.entries.size();
	}

	/**
	 * An outcome and whether it was replayed from an earlier request.
	 *
	 * @param <V> the answer
	 * @param value the answer
	 * @param replayed whether another request with the same key produced it
	 */
	record Outcome<V>(V value, boolean replayed) {
	}

	private record Key(String scope, String key) {
	}

	private static final class Entry<V> {

		private final String fingerprint;

		private final Instant createdAt;

		private final Sinks.One<V> outcome = Sinks.one();

		Entry(String fingerprint, Instant createdAt) {
			this.fingerprint = fingerprint;
			this.createdAt = createdAt;
		}

	}

}
