package io.hubbridge.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of a room: the events it asked for, queued in a bounded queue. A
 * subscriber whose queue overflows is dropped at once, with what it had queued, and its
 * writer is told ({@link EventWriter#dropped(SlowSubscriberException)}); it resumes with
 * {@code Last-Event-ID}. One slow reader never holds up the room, nor holds its memory.
 * <p>
 * The room's thread only adds to the queue. The queue is drained on the subscriber's
 * delivery thread (its connection's event loop, see {@link DeliveryLoop}), which takes
 * all that has queued as one batch, so that a stream that fell behind catches up with one
 * write instead of one per event.
 */
final class Subscriber implements Subscription {

	private static final Logger logger = LoggerFactory.getLogger(Subscriber.class);

	/** The most events handed over in one batch: one write of a few dozen frames. */
	static final int MAX_BATCH = 64;

	private final Set<EventType> types;

	private final int capacity;

	private final GrowingBoundedQueue<RoomEvent> queue;

	private final DeliveryLoop loop;

	private final Consumer<Subscriber> leave;

	/** Drains requested and not yet done: only the first has the subscriber drained. */
	private final AtomicInteger drains = new AtomicInteger();

	private final AtomicBoolean droppedSignalled = new AtomicBoolean();

	/** The replay or snapshot, written before the queue; set before it is started. */
	private List<RoomEvent> first = List.of();

	private volatile @Nullable EventWriter writer;

	private volatile boolean overflowed;

	private volatile boolean cancelled;

	private volatile boolean completed;

	/** Only on the delivery thread. */
	private boolean ended;

	/**
	 * @param loop where the queue is drained and the events written
	 * @param leave removes the subscriber from its room, when it is cancelled
	 */
	Subscriber(Set<EventType> types, int capacity, DeliveryLoop loop, Consumer<Subscriber> leave) {
		this.types = types;
		this.capacity = capacity;
		this.queue = new GrowingBoundedQueue<>(capacity);
		this.loop = loop;
		this.leave = leave;
	}

	boolean wants(RoomEvent event) {
		return event.type() == EventType.RESET || this.types.contains(event.type());
	}

	/** The events written before those queued: its replay or snapshot. */
	void startWith(List<RoomEvent> events) {
		this.first = events.stream().filter(this::wants).toList();
	}

	/**
	 * Queue an event for this subscriber; called by one thread at a time.
	 * @return {@code false} when the subscriber has gone or overflowed and must be
	 * removed
	 */
	boolean offer(RoomEvent event) {
		if (!wants(event)) {
			return true;
		}
		if (this.overflowed || this.cancelled) {
			return false;
		}
		if (!this.queue.offer(event)) {
			// full, whether or not the stream has started reading it yet
			this.overflowed = true;
			signalDropped();
			return false;
		}
		drainSoon();
		return true;
	}

	/** Ends the events once what was queued has been written. */
	void complete() {
		this.completed = true;
		drainSoon();
	}

	@Override
	public void start(EventWriter writer) {
		this.writer = writer;
		if (this.overflowed) {
			signalDropped();
		}
		drainSoon();
	}

	@Override
	public void resume() {
		drainSoon();
	}

	@Override
	public void cancel() {
		if (!this.cancelled) {
			this.cancelled = true;
			this.leave.accept(this);
		}
	}

	private void signalDropped() {
		EventWriter writer = this.writer;
		if (writer != null && this.droppedSignalled.compareAndSet(false, true)) {
			writer.dropped(new SlowSubscriberException(this.capacity));
		}
	}

	private void drainSoon() {
		if (this.drains.getAndIncrement() == 0) {
			this.loop.drainSoon(this);
		}
	}

	/** Writes what has queued, as far as the writer takes it; on the delivery thread. */
	void drain() {
		int missed = 1;
		do {
			EventWriter writer = this.writer;
			if (writer != null && !this.cancelled && !this.ended) {
				try {
					deliver(writer);
				}
				catch (RuntimeException ex) {
					// a writer that fails leaves the room rather than stall it unseen;
					// the delivery thread goes on with the others
					this.ended = true;
					logger.warn("A subscriber's writer failed; the subscriber leaves the room", ex);
					cancel();
				}
			}
			missed = this.drains.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void deliver(EventWriter writer) {
		if (!this.first.isEmpty() && !this.overflowed && writer.ready()) {
			List<RoomEvent> batch = this.first;
			this.first = List.of();
			writer.write(batch);
		}
		while (this.first.isEmpty() && !this.queue.isEmpty() && !this.overflowed && writer.ready()) {
			List<RoomEvent> batch = new ArrayList<>(Math.max(1, Math.min(this.queue.size(), MAX_BATCH)));
			for (RoomEvent event = this.queue.poll(); event != null; event = this.queue.poll()) {
				batch.add(event);
				if (batch.size() == MAX_BATCH) {
					break;
				}
			}
			if (batch.isEmpty()) {
				// added, but not yet visible to this thread: the adding side drains again
				break;
			}
			writer.write(batch);
		}
		if (this.completed && this.first.isEmpty() && this.queue.isEmpty() && !this.overflowed) {
			this.ended = true;
			writer.end();
		}
	}

}
