package io.hubbridge.room;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.publisher.Sinks.EmitResult;
import reactor.core.scheduler.Schedulers;

/**
 * One subscriber of a room: the events it asked for, queued in a bounded queue. A
 * subscriber whose queue overflows is dropped at once, with what it had queued, and its
 * events end with a {@link SlowSubscriberException}; it resumes with
 * {@code Last-Event-ID}. One slow reader never holds up the room, nor holds its memory.
 */
final class Subscriber {

	private final Set<EventType> types;

	private final int capacity;

	private final Sinks.Many<RoomEvent> queue;

	private final Scheduler deliverOn;

	private final Sinks.Empty<Void> overflow = Sinks.empty();

	private volatile boolean overflowed;

	Subscriber(Set<EventType> types, int capacity, Scheduler deliverOn) {
		this.types = types;
		this.capacity = capacity;
		this.queue = Sinks.many().unicast().onBackpressureBuffer(new GrowingBoundedQueue<>(capacity));
		this.deliverOn = deliverOn;
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
		EmitResult result = this.queue.tryEmitNext(event);
		if (result == EmitResult.FAIL_OVERFLOW || result == EmitResult.FAIL_ZERO_SUBSCRIBER) {
			// full, whether or not the stream has started reading it yet
			this.overflowed = true;
			this.overflow.tryEmitEmpty();
			return false;
		}
		return result.isSuccess();
	}

	void complete() {
		this.queue.tryEmitComplete();
	}

	/**
	 * The given first events (a replay or a snapshot), then the queued events and those
	 * that come, until the room closes (completes) or the queue overflows (fails at once,
	 * dropping what was queued, also while the first events are still being read).
	 */
	Flux<RoomEvent> events(List<RoomEvent> first) {
		// the room offers under its lock: the stream ends on another thread
		Mono<Void> overflowSignalled = this.overflow.asMono().publishOn(Schedulers.parallel());
		Mono<RoomEvent> overflowError = Mono.defer(() -> this.overflowed ? overflowError() : Mono.empty());
		Flux<RoomEvent> stream = Flux.fromIterable(first)
			.filter(this::wants)
			.concatWith(live())
			.takeUntilOther(overflowSignalled)
			.concatWith(overflowError);
		return Flux.defer(() -> this.overflowed ? overflowError() : stream);
	}

	/**
	 * The queued events and those that come. On another thread than the room's, the
	 * hand-over fuses with the queue: the room's thread only adds to it, and one task on
	 * the delivery thread takes all that has queued.
	 */
	private Flux<RoomEvent> live() {
		if (this.deliverOn == Schedulers.immediate()) {
			return this.queue.asFlux();
		}
		return this.queue.asFlux().publishOn(this.deliverOn, this.capacity);
	}

	private Mono<RoomEvent> overflowError() {
		return Mono.error(new SlowSubscriberException(this.capacity));
	}

}
