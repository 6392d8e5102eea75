package io.hubbridge.soak;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One room of a soak run: the shouts its subscribers saw, and the event to end at. */
final class RoomTally {

	private final String room;

	private final Set<Integer> seenShouts = ConcurrentHashMap.newKeySet();

	private volatile long lastSeq = Long.MAX_VALUE;

	RoomTally(String room) {
		this.room = room;
	}

	String room() {
		return this.room;
	}

	void seen(int shout) {
		this.seenShouts.add(shout);
	}

	Set<Integer> seenShouts() {
		return this.seenShouts;
	}

	/** The room's last event, once nothing more happens in it. */
	void lastSeq(long seq) {
		this.lastSeq = seq;
	}

	long lastSeq() {
		return this.lastSeq;
	}

}
