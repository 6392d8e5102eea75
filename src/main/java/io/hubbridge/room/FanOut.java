package io.hubbridge.room;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's subscribers and the events on their way to them. The room appends each event
 * under its lock, in the order of the events' ids; the hand-over to every subscriber's
 * queue happens outside that lock, by one thread at a time: the thread that appended
 * hands over unless another thread is handing over already, which then also hands over
 * what was appended meanwhile. So the room's lock is held for an event's id, frame and
 * replay entry only, never for the thousands of queues it goes to, and every subscriber
 * still gets the events in the order of their ids.
 * <p>
 * The queue is bounded: only the upstream's messages come at Hub's rate, and a message's
 * thread waits for the hand-over ({@link #handOver(boolean)} with {@code true}) while
 * more than {@value #MAX_WAITING} events wait, as it waited for the room's lock before.
 * The rest append one item per call and come rarely: an upstream state change (at the
 * reconnect schedule's pace), the end of the streams and the room's close (once each). So
 * at most {@value #MAX_WAITING} events, one message's events and those few items wait.
 */
final class FanOut {

	private static final Logger logger = LoggerFactory.getLogger(FanOut.class);

	/** The most events that wait before a message's thread waits for the hand-over. */
	static final int MAX_WAITING = 1024;

	private final String room;

	private final RoomMetrics metrics;

	private final List<Member> members = new CopyOnWriteArrayList<>();

	private final Queue<Item> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicInteger waitingCount = new AtomicInteger();

	/** Held by the one thread that hands over. */
	private final ReentrantLock handing = new ReentrantLock();

	FanOut(String room, RoomMetrics metrics) {
		this.room = room;
		this.metrics = metrics;
	}

	// ---- members: changed under the room's lock, except for drops

	/**
	 * Adds a subscriber that has its events up to {@code after} already (its replay or
	 * snapshot): it gets only those with a later sequence number, also of the events that
	 * still wait.
	 */
	void add(Subscriber subscriber, long after) {
		this.members.add(new Member(subscriber, after));
	}

	void remove(Subscriber subscriber) {
		this.members.removeIf((member) -> member.subscriber == subscriber);
	}

	int size() {
		return this.members.size();
	}

	boolean isEmpty() {
		return this.members.isEmpty();
	}

	// ---- appended under the room's lock, in the order of the events' ids

	/**
	 * An event for every member that wants it.
	 * @param messageArrived when the message it came from arrived (see
	 * {@link RoomMetrics#messageArrived()}), 0 for an event of the room's own
	 */
	void event(RoomEvent event, long messageArrived) {
		append(new Item(event, messageArrived, false));
	}

	/** The final event for every member, then their end; members leave. */
	void end(RoomEvent finalEvent) {
		append(new Item(finalEvent, 0, true));
	}

	/** The end of every member's events; members leave. */
	void close() {
		append(new Item(null, 0, true));
	}

	private void append(Item item) {
		this.waitingCount.incrementAndGet();
		this.waiting.offer(item);
	}

	// ---- hand-over: never under the room's lock

	/**
	 * Hands what waits over to the members, unless another thread is doing so: that one
	 * hands it over too.
	 * @param mayWait whether the calling thread waits for that other thread while more
	 * than {@value #MAX_WAITING} events wait (the bound on the queue); only for the
	 * upstream's messages, which come at Hub's rate
	 */
	void handOver(boolean mayWait) {
		if (this.handing.isHeldByCurrentThread()) {
			// a member's delivery (on this thread) made the room append: the loop below
			// hands that over after the current item, in order
			return;
		}
		while (!this.waiting.isEmpty()) {
			if (mayWait && this.waitingCount.get() > MAX_WAITING) {
				this.handing.lock();
			}
			else if (!this.handing.tryLock()) {
				// the handing thread checks the queue again after it lets go
				return;
			}
			try {
				for (Item item = this.waiting.poll(); item != null; item = this.waiting.poll()) {
					this.waitingCount.decrementAndGet();
					deliver(item);
				}
			}
			finally {
				this.handing.unlock();
			}
		}
	}

	private void deliver(Item item) {
		RoomEvent event = item.event();
		if (item.last() || event == null) {
			endAll(event);
			return;
		}
		long seq = event.id().seq();
		int handed = 0;
		for (Member member : this.members) {
			if (seq <= member.after) {
				// it registered after this event, which its first events hold
				continue;
			}
			if (member.subscriber.offer(event)) {
				handed++;
			}
			else {
				this.members.remove(member);
				this.metrics.subscriberDropped();
				logger.info("[{}] disconnected a subscriber that could not keep up", this.room);
			}
		}
		// meters: once per event, not per subscriber
		this.metrics.fannedOut(handed, item.messageArrived());
	}

	private void endAll(@Nullable RoomEvent finalEvent) {
		int ended = 0;
		for (Member member : this.members) {
			if (finalEvent != null) {
				member.subscriber.offer(finalEvent);
			}
			member.subscriber.complete();
			ended++;
		}
		// no member joins once the room has ended its streams or closed
		this.members.clear();
		if (finalEvent != null) {
			logger.info("[{}] ended {} streams with '{}'", this.room, ended, finalEvent.type().wireName());
		}
	}

	/** A subscriber, and the last event that its first events hold. */
	private record Member(Subscriber subscriber, long after) {
	}

	/**
	 * An event for the members, and whether it is the last: the members then end (with
	 * that event first, if any).
	 */
	private record Item(@Nullable RoomEvent event, long messageArrived, boolean last) {
	}

}
