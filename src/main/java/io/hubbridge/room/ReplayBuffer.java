package io.hubbridge.room;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The most recent events of a room, bounded by count and age, for resuming streams with
 * {@code Last-Event-ID}. Not thread-safe: the room session serializes access.
 */
final class ReplayBuffer {

	private final int capacity;

	private final Duration maxAge;

	private final ArrayDeque<RoomEvent> events;

	ReplayBuffer(int capacity, Duration maxAge) {
		this.capacity = capacity;
		this.maxAge = maxAge;
		this.events = new ArrayDeque<>(Math.min(capacity, 1024));
	}

	void add(RoomEvent event) {
		if (this.events.size() == this.capacity) {
			this.events.removeFirst();
		}
		this.events.addLast(event);
	}

	/**
	 * The events after {@code seq}, when every one of them is still held and none is
	 * older than the maximum age; empty when history was lost.
	 */
	Optional<List<RoomEvent>> after(long seq, long lastSeq, Instant now) {
		if (seq == lastSeq) {
			return Optional.of(List.of());
		}
		RoomEvent first = this.events.peekFirst();
		if (first == null || first.id().seq() > seq + 1 || seq > lastSeq) {
			return Optional.empty();
		}
		List<RoomEvent> missed = new ArrayList<>((int) (lastSeq - seq));
		Iterator<RoomEvent> newestFirst = this.events.descendingIterator();
		while (newestFirst.hasNext()) {
			RoomEvent event = newestFirst.next();
			if (event.id().seq() <= seq) {
				break;
			}
			missed.add(event);
		}
		RoomEvent oldestMissed = missed.get(missed.size() - 1);
		if (oldestMissed.at().isBefore(now.minus(this.maxAge))) {
			return Optional.empty();
		}
		Collections.reverse(missed);
		return Optional.of(missed);
	}

}
