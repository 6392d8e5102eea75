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
 * confirmed. Not thread-safe: the room serializes access.
 */
final class PendingShouts {

	private final int capacity;

	private final ArrayDeque<PendingShout> pending = new ArrayDeque<>();

	PendingShouts(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * @return the new pending shout, or {@code null} when too many are waiting already
	 */
	@Nullable PendingShout add(String name, String body) {
		if (this.pending.size() >= this.capacity) {
			return null;
		}
		PendingShout shout = new PendingShout(name, body, Sinks.one());
		this.pending.addLast(shout);
		return shout;
	}

	void remove(PendingShout shout) {
		this.pending.remove(shout);
	}

	/** Confirm the first pending shout that the broadcast matches, if any. */
	void confirm(@Nullable String name, @Nullable String body, EventId id) {
		Iterator<PendingShout> oldestFirst = this.pending.iterator();
		while (oldestFirst.hasNext()) {
			PendingShout shout = oldestFirst.next();
			if (Objects.equals(shout.name, name) && Objects.equals(shout.body, body)) {
				oldestFirst.remove();
				shout.confirmation.tryEmitValue(id);
				return;
			}
		}
	}

	/** A shout waiting for its broadcast. */
	static final class PendingShout {

		private final String name;

		private final String body;

		private final Sinks.One<EventId> confirmation;

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

}
