package io.hubbridge.room;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.hubbridge.room.event.ShoutEvent;

/**
 * The last shouts a room has seen, bounded. Not thread-safe: the room serializes access.
 */
final class RecentShouts {

	private final int capacity;

	private final ArrayDeque<RecentShout> shouts = new ArrayDeque<>();

	RecentShouts(int capacity) {
		this.capacity = capacity;
	}

	void add(EventId id, ShoutEvent shout) {
		if (this.shouts.size() == this.capacity) {
			this.shouts.removeFirst();
		}
		this.shouts.addLast(new RecentShout(id.toString(), shout));
	}

	/** The most recent {@code limit} shouts, oldest first. */
	List<RecentShout> latest(int limit) {
		int count = Math.min(limit, this.shouts.size());
		List<RecentShout> latest = new ArrayList<>(count);
		Iterator<RecentShout> oldestFirst = this.shouts.iterator();
		for (int skip = this.shouts.size() - count; skip > 0; skip--) {
			oldestFirst.next();
		}
		oldestFirst.forEachRemaining(latest::add);
		return latest;
	}

}
