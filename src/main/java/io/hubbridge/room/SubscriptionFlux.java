package io.hubbridge.room;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * A subscription's events as a {@code Flux}: the batches are emitted only against demand,
 * so a stream that does not read leaves its events in the bounded queue, where they
 * overflow it. The events end when the room closes (complete), or at once when the
 * subscriber is dropped (a {@link SlowSubscriberException}, also while earlier events are
 * still being read). Cancelling leaves the room.
 */
final class SubscriptionFlux {

	private SubscriptionFlux() {
	}

	/** The events in batches of what had queued. */
	static Flux<List<RoomEvent>> batches(Subscription subscription) {
		return Flux.defer(() -> {
			SinkWriter writer = new SinkWriter();
			return writer.endOnDrop(live(subscription, writer)).doFinally((signal) -> subscription.cancel());
		});
	}

	/**
	 * The events one by one, one batch at a time: the rest waits in the bounded queue.
	 */
	static Flux<RoomEvent> events(Subscription subscription) {
		return Flux.defer(() -> {
			SinkWriter writer = new SinkWriter();
			return writer.endOnDrop(live(subscription, writer).concatMapIterable((batch) -> batch, 1))
				.doFinally((signal) -> subscription.cancel());
		});
	}

	private static Flux<List<RoomEvent>> live(Subscription subscription, SinkWriter writer) {
		// create, not push: a push sink tells of the first request only
		return Flux.create((FluxSink<List<RoomEvent>> sink) -> {
			writer.sink = sink;
			sink.onRequest((n) -> subscription.resume());
			subscription.start(writer);
		}, FluxSink.OverflowStrategy.IGNORE);
	}

	private static final class SinkWriter implements EventWriter {

		private final Sinks.Empty<Void> droppedSignal = Sinks.empty();

		private volatile @Nullable SlowSubscriberException dropped;

		private volatile @Nullable FluxSink<List<RoomEvent>> sink;

		@Override
		public boolean ready() {
			FluxSink<List<RoomEvent>> sink = this.sink;
			return sink != null && sink.requestedFromDownstream() > 0;
		}

		@Override
		public void write(List<RoomEvent> batch) {
			FluxSink<List<RoomEvent>> sink = this.sink;
			if (sink != null) {
				sink.next(batch);
			}
		}

		@Override
		public void end() {
			FluxSink<List<RoomEvent>> sink = this.sink;
			if (sink != null) {
				sink.complete();
			}
		}

		@Override
		public void dropped(SlowSubscriberException reason) {
			this.dropped = reason;
			this.droppedSignal.tryEmitEmpty();
		}

		<T> Flux<T> endOnDrop(Flux<T> stream) {
			// dropped on the room's handing thread, which offers to every stream: this
			// one ends on another thread
			Mono<Void> droppedSignalled = this.droppedSignal.asMono().publishOn(Schedulers.parallel());
			Mono<T> droppedError = Mono.defer(() -> {
				SlowSubscriberException reason = this.dropped;
				return (reason != null) ? Mono.error(reason) : Mono.empty();
			});
			return stream.takeUntilOther(droppedSignalled).concatWith(droppedError);
		}

	}

}
