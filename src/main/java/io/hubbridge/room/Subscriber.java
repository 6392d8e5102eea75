package io.hubbridge.room;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * One subscriber of a room: the events it asked for, queued in a bounded queue. A
 * subscriber whose queue overflows is dropped at once, with what it had queued, and its
 * events end with a {@link SlowSubscriberException}; it resumes with
 * {@code Last-Event-ID}. One slow reader never holds up the room, nor holds its memory.
 * <p>
 * The room's thread only adds to the queue. The queue is drained on the subscriber's
 * delivery thread (its connection's event loop), which takes all that has queued as one
 * batch, so that a stream that fell behind catches up with one write instead of one per
 * event. Batches are handed over at most once per write interval: an event that comes
 * sooner after the last batch waits for the rest of the interval, with those that follow
 * it, so that a busy stream is written a few events at a time rather than with a write
 * (and a system call) per event.
 */
final class Subscriber {

	/** The most events handed over in one batch: one write of a few dozen frames. */
	static final int MAX_BATCH = 64;

	private final Set<EventType> types;

	private final int capacity;

	private final GrowingBoundedQueue<RoomEvent> queue;

	private final Executor deliverOn;

	private final long writeIntervalNanos;

	/** When the next batch may be handed over ({@link System#nanoTime()}). */
	private volatile long nextHandOver;

	/** Drains requested and not yet done: only the first schedules a drain. */
	private final AtomicInteger drains = new AtomicInteger();

	private final Sinks.Empty<Void> overflow = Sinks.empty();

	private volatile @Nullable FluxSink<List<RoomEvent>> sink;

	private volatile boolean overflowed;

	private volatile boolean cancelled;

	private volatile boolean completed;

	/**
	 * @param deliverOn where the queue is drained and the events delivered; a direct
	 * executor delivers on the room's thread
	 * @param writeInterval the shortest time between two batches; kept only where
	 * {@code deliverOn} can schedule (an event loop)
	 */
	Subscriber(Set<EventType> types, int capacity, Executor deliverOn, Duration writeInterval) {
		this.types = types;
		this.capacity = capacity;
		this.queue = new GrowingBoundedQueue<>(capacity);
		this.deliverOn = deliverOn;
		this.writeIntervalNanos = writeInterval.toNanos();
		this.nextHandOver = System.nanoTime();
	}

	boolean wants(RoomEvent event) {
		return event.type() == EventType.RESET || this.types.contains(event.type());
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
			this.overflow.tryEmitEmpty();
			return false;
		}
		drainSoon();
		return true;
	}

	/** Ends the events once what was queued has been delivered. */
	void complete() {
		this.completed = true;
		drainSoon();
	}

	/**
	 * The given first events (a replay or a snapshot), then the queued events and those
	 * that come, one by one: see {@link #batches(List)}.
	 */
	Flux<RoomEvent> events(List<RoomEvent> first) {
		Flux<RoomEvent> events = Flux.fromIterable(first)
			.filter(this::wants)
			// one batch at a time: the rest waits in the bounded queue
			.concatWith(live().concatMapIterable((batch) -> batch, 1));
		return endOnOverflow(events);
	}

	/**
	 * The given first events (a replay or a snapshot) as one batch, then the queued
	 * events and those that come, in batches of what had queued, until the room closes
	 * (completes) or the queue overflows (fails at once, dropping what was queued, also
	 * while the first events are still being read).
	 */
	Flux<List<RoomEvent>> batches(List<RoomEvent> first) {
		List<RoomEvent> wanted = first.stream().filter(this::wants).toList();
		Flux<List<RoomEvent>> batches = wanted.isEmpty() ? live() : Flux.just(wanted).concatWith(live());
		return endOnOverflow(batches);
	}

	private <T> Flux<T> endOnOverflow(Flux<T> stream) {
		// the room's handing thread offers, to every stream: this one ends on another
		// thread
		Mono<Void> overflowSignalled = this.overflow.asMono().publishOn(Schedulers.parallel());
		Mono<T> overflowError = Mono.defer(() -> this.overflowed ? overflowError() : Mono.empty());
		Flux<T> ended = stream.takeUntilOther(overflowSignalled).concatWith(overflowError);
		return Flux.defer(() -> this.overflowed ? overflowError() : ended);
	}

	/**
	 * The queue's events as they come, in batches. Each batch is emitted only against
	 * demand, so a stream that does not read leaves its events in the bounded queue,
	 * where they overflow it.
	 */
	private Flux<List<RoomEvent>> live() {
		// create, not push: a push sink tells of the first request only
		return Flux.create((FluxSink<List<RoomEvent>> sink) -> {
			sink.onDispose(() -> this.cancelled = true);
			this.sink = sink;
			sink.onRequest((n) -> drainSoon());
		}, FluxSink.OverflowStrategy.IGNORE);
	}

	private void drainSoon() {
		if (this.drains.getAndIncrement() == 0) {
			long wait = this.nextHandOver - System.nanoTime();
			if (wait > 0 && this.deliverOn instanceof ScheduledExecutorService scheduler) {
				scheduler.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
			}
			else {
				this.deliverOn.execute(this::drain);
			}
		}
	}

	/** Hands over what has queued, as far as the stream asked for it. */
	private void drain() {
		int missed = 1;
		do {
			FluxSink<List<RoomEvent>> sink = this.sink;
			if (sink != null && !this.cancelled) {
				try {
					deliver(sink);
				}
				catch (RuntimeException ex) {
					// a stream that cannot be delivered to ends, rather than stall unseen
					this.cancelled = true;
					sink.error(ex);
				}
			}
			missed = this.drains.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void deliver(FluxSink<List<RoomEvent>> sink) {
		while (sink.requestedFromDownstream() > 0 && !this.queue.isEmpty() && !this.overflowed) {
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
			sink.next(batch);
			this.nextHandOver = System.nanoTime() + this.writeIntervalNanos;
		}
		if (this.completed && this.queue.isEmpty()) {
			sink.complete();
		}
	}

	private <T> Mono<T> overflowError() {
		return Mono.error(new SlowSubscriberException(this.capacity));
	}

}
