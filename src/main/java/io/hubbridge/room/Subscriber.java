package io.hubbridge.room;

import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.Sinks.EmitResult;
import reactor.util.concurrent.Queues;

/**
 * One subscriber of a room: the events it asked for, queued in a bounded queue. A
 * subscriber whose queue overflows is completed after what it has queued, and resumes
 * with {@code Last-Event-ID}: one slow reader never holds up the room.
 */
final class Subscriber {

	private final Set<EventType> types;

	private final Sinks.Many<RoomEvent> queue;

	Subscriber(Set<EventType> types, int capacity) {
		this.types = types;
		this.queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<RoomEvent>get(capacity).get());
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
			this.queue.tryEmitComplete();
			return false;
		}
		return result.isSuccess();
	}

	void complete() {
		this.queue.tryEmitComplete();
	}

	Flux<RoomEvent> events() {
		return this.queue.asFlux();
	}

}
