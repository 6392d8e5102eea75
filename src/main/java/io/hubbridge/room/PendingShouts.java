package io.hubbridge.room;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Shouts this bridge posted and whose broadcast from Hub has not come back yet. Hub
 * answers a shout with nothing but its broadcast, and broadcasts a socket's shouts in the
 * order they were sent, so the first pending shout with the same name and body is the one
 * confirmed. Thread-safe, with a lock of its own: requests add and remove shouts without
 * the room's lock, and the room's thread takes the matching shout under it but confirms
 * it (which runs the request's answer) after letting go of it.
 */
final class PendingShouts {

	private final int capacity;

	/** Guarded by this. */
	private final ArrayDeque<PendingShout> pending = new ArrayDeque<>();

	PendingShouts(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * @return the new pending shout, or {@code null} when too many are waiting already
	 */
	synchronized @Nullable PendingShout add(String name, String body) {
		if (this.pending.size() >= this.capacity) {
			return null;
		}
		PendingShout shout = new PendingShout(name, body, Sinks.one());
		this.pending.addLast(shout);
		return shout;
	}

	/** Forgets a shout that is no longer waited for, confirmed or not. */
	synchronized void remove(PendingShout shout) {
		// a taken shout has left the deque already: no scan for it
		if (!shout.taken) {
			shout.taken = true;
			this.pending.remove(shout);
		}
	}

	/**
	 * Takes the first pending shout that the broadcast matches, if any.
	 * @param id the broadcast's event id
	 * @return the shout's confirmation, for the caller to emit
	 */
	synchronized @Nullable Confirmation take(@Nullable String name, @Nullable String body, EventId id) {
		Iterator<PendingShout> oldestFirst = this.pending.iterator();
		while (oldestFirst.hasNext()) {
			PendingShout shout = oldestFirst.next();
			if (Objects.equals(shout.name, name) && Objects.equals(shout.body, body)) {
				oldestFirst.remove();
				shout.taken = true;
				return new Confirmation(shout, id);
			}
		}
		return null;
	}

	synchronized int size() {
		return this.pending.size();
	}

	/** A shout waiting for its broadcast. */
	static final class PendingShout {

		private final String name;

		private final String body;

		private final Sinks.One<EventId> confirmation;

		/** Whether it has left the deque; guarded by the {@link PendingShouts}. */
		private boolean taken;

		private PendingShout(String name, String body, Sinks.One<EventId> confirmation) {
			this.name = name;
			this.body = body;
			this.confirmation = confirmation;
		}

		/** Emits the id of the shout's event once Hub's broadcast of it came back. */
		Mono<EventId> confirmed() {
			return this.confirmation.asMono();
		}

	}

	/** A pending shout that its broadcast matched, with the broadcast's event id. */
	record Confirmation(PendingShout shout, EventId id) {

		/**
		 * Tells the shout's request: its answer runs on this thread, so never call it
		 * under the room's lock.
		 */
		void emit() {
			this.shout.confirmation.tryEmitValue(this.id);
		}

	}

}
