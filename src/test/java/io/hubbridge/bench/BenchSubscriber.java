package io.hubbridge.bench;

import java.util.BitSet;
import java.util.List;

import io.hubbridge.support.SseEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One SSE subscriber of a run: connected once its stream shows a {@code presence} with
 * the upstream joined; then checks each shout's sequence ({@link SequenceChecker}) and
 * records its latency. Events arrive on the connection's event loop, one at a time.
 */
final class BenchSubscriber {

	private static final String JOINED = "\"upstream\":\"joined\"";

	private final String url;

	private final int room;

	private final int shouts;

	private final Deliveries deliveries;

	private final SequenceChecker checker = new SequenceChecker();

	private final Sinks.One<Void> connected = Sinks.one();

	private Deliveries.PerThread recorder;

	private long openedAtNanos;

	private long upstreamChanges;

	private long otherShouts;

	/**
	 * Written last by the event loop after each chunk: reading it first sees the rest.
	 */
	private volatile long events;

	private volatile long connectedAtNanos;

	private volatile boolean failed;

	private volatile boolean ended;

	private Disposable stream;

	BenchSubscriber(String url, int room, int shouts, Deliveries deliveries) {
		this.url = url;
		this.room = room;
		this.shouts = shouts;
		this.deliveries = deliveries;
	}

	/** Opens the stream; completes once connected, or once the stream failed. */
	Mono<Void> open(BenchStreams streams) {
		return Mono.defer(() -> {
			this.openedAtNanos = BenchClock.now();
			this.stream = streams.stream(this.url, this).subscribe(null, (ex) -> finished(true), () -> finished(false));
			return this.connected.asMono();
		});
	}

	void receive(List<SseEvent> chunk, long nowNanos) {
		for (SseEvent event : chunk) {
			switch (event.event()) {
				case "shout" -> shout(event.data(), nowNanos);
				case "presence" -> {
					if (this.connectedAtNanos == 0 && event.data().contains(JOINED)) {
						this.connectedAtNanos = nowNanos;
						this.connected.tryEmitEmpty();
					}
				}
				case "upstream" -> {
					if (this.connectedAtNanos != 0) {
						this.upstreamChanges++;
					}
				}
				default -> {
					// join and leave of the publishers; typing
				}
			}
		}
		this.events = this.events + chunk.size();
	}

	private void shout(String data, long nowNanos) {
		long sequence = ShoutBody.sequence(data);
		long sent = ShoutBody.sentNanos(data);
		if (sequence == ShoutBody.NONE || sent == ShoutBody.NONE) {
			this.otherShouts++;
			return;
		}
		if (this.checker.accept(sequence, this.shouts)) {
			if (this.recorder == null) {
				this.recorder = this.deliveries.forThisThread();
			}
			this.recorder.record(sent, nowNanos);
		}
	}

	private void finished(boolean failed) {
		this.failed = failed;
		this.ended = !failed;
		this.connected.tryEmitEmpty();
	}

	void close() {
		if (this.stream != null) {
			this.stream.dispose();
		}
	}

	int room() {
		return this.room;
	}

	boolean isConnected() {
		return this.connectedAtNanos != 0;
	}

	/** From the request to the first joined presence, in ns; -1 if not connected. */
	long connectNanos() {
		long at = this.connectedAtNanos;
		return (at != 0) ? at - this.openedAtNanos : -1;
	}

	long connectedAtNanos() {
		return this.connectedAtNanos;
	}

	/** The stream failed (an error, not the bridge ending it). */
	boolean failed() {
		return this.failed;
	}

	/** The bridge ended the stream. */
	boolean ended() {
		return this.ended;
	}

	/**
	 * What this subscriber saw of the {@code sent} shouts of its room; call once the
	 * stream is closed.
	 */
	SubscriberCounts counts(int sent, BitSet refused) {
		// the volatile read makes the event loop's plain writes before it visible here
		long events = this.events;
		return new SubscriberCounts(events, this.checker.received(), this.checker.lost(sent, refused),
				this.checker.duplicates(), this.checker.orderViolations(), this.checker.unexpected() + this.otherShouts,
				this.upstreamChanges, this.checker.orderHash());
	}

	/**
	 * One subscriber's counts.
	 *
	 * @param events every event received
	 * @param received distinct benchmark shouts received
	 * @param lost shouts sent and not refused that never arrived
	 * @param duplicates shouts received again
	 * @param orderViolations shouts received after a later one
	 * @param unexpected shouts that were not the run's (another sequence, another body)
	 * @param upstreamChanges {@code upstream} events after connecting (the upstream was
	 * lost)
	 * @param orderHash the order in which shouts arrived
	 * ({@link SequenceChecker#orderHash()})
	 */
	record SubscriberCounts(long events, long received, long lost, long duplicates, long orderViolations,
			long unexpected, long upstreamChanges, long orderHash) {

	}

}
