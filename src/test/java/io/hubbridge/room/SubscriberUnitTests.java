package io.hubbridge.room;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** One subscriber's bounded queue and how its events end. */
class SubscriberUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private long seq;

	@Test
	void eventsEndAfterWhatWasQueuedWhenTheRoomCloses() {
		Subscriber subscriber = subscriber(EnumSet.allOf(EventType.class), 8, DeliveryLoop.DIRECT);
		RoomEvent first = event(EventType.SHOUT);
		RoomEvent second = event(EventType.JOIN);
		assertThat(subscriber.offer(first)).isTrue();
		assertThat(subscriber.offer(second)).isTrue();
		subscriber.complete();
		StepVerifier.create(events(subscriber, List.of())).expectNext(first, second).expectComplete().verify(WAIT);
	}

	@Test
	void overflowEndsTheEventsAtOnceDroppingWhatWasQueuedWithoutWaitingForDemand() {
		Subscriber subscriber = subscriber(EnumSet.allOf(EventType.class), 8, DeliveryLoop.DIRECT);
		StepVerifier.create(events(subscriber, List.of()), 0).expectSubscription().then(() -> {
			// the first is handed over at once (a batch of one), eight more wait
			for (int i = 0; i < 9; i++) {
				assertThat(subscriber.offer(event(EventType.SHOUT))).isTrue();
			}
			assertThat(subscriber.offer(event(EventType.SHOUT))).as("the tenth overflows").isFalse();
		})
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SlowSubscriberException.class)
				.hasMessage("the subscriber fell more than 8 events behind")
				.hasNoCause())
			.verify(WAIT);
		assertThat(subscriber.offer(event(EventType.SHOUT))).as("gone").isFalse();
	}

	@Test
	void aStreamThatStartsReadingAfterItsQueueOverflowedGetsNoneOfIt() {
		Subscriber subscriber = subscriber(EnumSet.allOf(EventType.class), 8, DeliveryLoop.DIRECT);
		for (int i = 0; i < 9; i++) {
			subscriber.offer(event(EventType.SHOUT));
		}
		StepVerifier.create(events(subscriber, List.of())).expectError(SlowSubscriberException.class).verify(WAIT);
	}

	@Test
	void overflowWhileTheReplayIsStillBeingReadEndsTheStreamToo() {
		Subscriber subscriber = subscriber(EnumSet.allOf(EventType.class), 8, DeliveryLoop.DIRECT);
		List<RoomEvent> replay = List.of(event(EventType.SHOUT), event(EventType.SHOUT));
		StepVerifier.create(events(subscriber, replay), 1).expectNextCount(1).then(() -> {
			for (int i = 0; i < 9; i++) {
				subscriber.offer(event(EventType.SHOUT));
			}
		}).expectError(SlowSubscriberException.class).verify(WAIT);
	}

	@Test
	void eventsItDidNotAskForNeitherQueueNorOverflowButResetsAlwaysPass() {
		Subscriber subscriber = subscriber(EnumSet.of(EventType.SHOUT), 8, DeliveryLoop.DIRECT);
		for (int i = 0; i < 100; i++) {
			assertThat(subscriber.offer(event(EventType.TYPING))).isTrue();
		}
		RoomEvent reset = event(EventType.RESET);
		assertThat(subscriber.offer(reset)).isTrue();
		subscriber.complete();
		StepVerifier.create(events(subscriber, List.of())).expectNext(reset).expectComplete().verify(WAIT);
	}

	@Test
	void liveEventsAreDeliveredOnTheGivenThreadInTheOrderTheyWereQueued() {
		ExecutorService delivery = Executors.newSingleThreadExecutor((task) -> new Thread(task, "delivery"));
		try {
			Subscriber subscriber = subscriber(EnumSet.allOf(EventType.class), 128,
					new DeliveryLoop(delivery, Duration.ZERO));
			List<RoomEvent> queued = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				queued.add(event(EventType.SHOUT));
			}
			Set<String> threads = ConcurrentHashMap.newKeySet();
			StepVerifier
				.create(events(subscriber, List.of())
					.doOnNext((event) -> threads.add(Thread.currentThread().getName())))
				.then(() -> {
					queued.forEach((event) -> assertThat(subscriber.offer(event)).isTrue());
					subscriber.complete();
				})
				.expectNextSequence(queued)
				.expectComplete()
				.verify(WAIT);
			assertThat(threads).singleElement(InstanceOfAssertFactories.STRING).startsWith("delivery");
		}
		finally {
			delivery.shutdownNow();
		}
	}

	@Test
	void aSubscriberThatDoesNotReadOverflowsAlsoWhenDeliveredOnAnotherThread() {
		ExecutorService delivery = Executors.newSingleThreadExecutor((task) -> new Thread(task, "delivery"));
		try {
			Subscriber subscriber = subscriber(EnumSet.allOf(EventType.class), 8,
					new DeliveryLoop(delivery, Duration.ZERO));
			StepVerifier.create(batches(subscriber, List.of()), 0).expectSubscription().then(() -> {
				for (int i = 0; i < 8; i++) {
					assertThat(subscriber.offer(event(EventType.SHOUT))).isTrue();
				}
				assertThat(subscriber.offer(event(EventType.SHOUT))).as("the ninth overflows").isFalse();
			}).expectError(SlowSubscriberException.class).verify(WAIT);
		}
		finally {
			delivery.shutdownNow();
		}
	}

	@Test
	void whatQueuedWhileTheStreamWasNotAskingIsHandedOverAsOneBatchInOrder() {
		Subscriber subscriber = subscriber(EnumSet.allOf(EventType.class), 128, DeliveryLoop.DIRECT);
		RoomEvent snapshot = event(EventType.PRESENCE);
		List<RoomEvent> queued = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			queued.add(event(EventType.SHOUT));
		}
		StepVerifier.create(batches(subscriber, List.of(snapshot)), 1)
			.expectNext(List.of(snapshot))
			.then(() -> queued.forEach((event) -> assertThat(subscriber.offer(event)).isTrue()))
			.thenRequest(2)
			.expectNext(queued.subList(0, Subscriber.MAX_BATCH), queued.subList(Subscriber.MAX_BATCH, 100))
			.then(subscriber::complete)
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void batchesHandedOverWhileTheRoomKeepsAddingAreNeverEmptyAndLoseNothing() throws Exception {
		int count = 200_000;
		ExecutorService delivery = Executors.newSingleThreadExecutor((task) -> new Thread(task, "delivery"));
		try {
			Subscriber subscriber = subscriber(EnumSet.allOf(EventType.class), count,
					new DeliveryLoop(delivery, Duration.ZERO));
			List<RoomEvent> events = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				events.add(event(EventType.SHOUT));
			}
			AtomicInteger received = new AtomicInteger();
			AtomicInteger emptyBatches = new AtomicInteger();
			AtomicInteger outOfOrder = new AtomicInteger();
			Disposable reading = batches(subscriber, List.of()).subscribe((batch) -> {
				if (batch.isEmpty()) {
					emptyBatches.incrementAndGet();
				}
				for (RoomEvent event : batch) {
					if (event != events.get(received.getAndIncrement())) {
						outOfOrder.incrementAndGet();
					}
				}
			});
			Thread room = new Thread(() -> events.forEach(subscriber::offer), "room");
			room.start();
			room.join();
			Awaitility.await().until(() -> received.get() == count);
			reading.dispose();
			assertThat(emptyBatches).hasValue(0);
			assertThat(outOfOrder).hasValue(0);
		}
		finally {
			delivery.shutdownNow();
		}
	}

	@Test
	void eventsThatComeSoonerThanTheWriteIntervalAfterABatchGoOutTogetherWhenItEnds() {
		ScheduledThreadPoolExecutor delivery = new ScheduledThreadPoolExecutor(1,
				(task) -> new Thread(task, "delivery"));
		try {
			AtomicLong clock = new AtomicLong(System.nanoTime());
			Subscriber subscriber = subscriber(EnumSet.allOf(EventType.class), 8,
					new DeliveryLoop(delivery, Duration.ofHours(1), clock::get));
			RoomEvent first = event(EventType.SHOUT);
			List<RoomEvent> following = List.of(event(EventType.SHOUT), event(EventType.JOIN), event(EventType.SHOUT));
			StepVerifier.create(batches(subscriber, List.of())).then(() -> {
				// the round that started the stream, and the one its first request may
				// have asked for (which waits for the interval: run here), then a quiet
				// spell longer than the interval
				Awaitility.await().until(() -> delivery.getCompletedTaskCount() == 1);
				for (Runnable round : delivery.getQueue()) {
					delivery.remove(round);
					round.run();
				}
				clock.addAndGet(Duration.ofHours(2).toNanos());
				subscriber.offer(first);
			})
				.as("the first event after a quiet spell goes out at once")
				.expectNext(List.of(first))
				.then(() -> following.forEach(subscriber::offer))
				.then(() -> {
					assertThat(delivery.getQueue()).as("one hand-over waits for the interval").hasSize(1);
					RunnableScheduledFuture<?> handOver = (RunnableScheduledFuture<?>) delivery.getQueue().peek();
					assertThat(handOver.getDelay(TimeUnit.MINUTES)).isGreaterThanOrEqualTo(59);
					delivery.remove(handOver);
					handOver.run();
				})
				.as("those that came meanwhile, as one batch")
				.expectNext(following)
				.thenCancel()
				.verify(WAIT);
		}
		finally {
			delivery.shutdownNow();
		}
	}

	private static Subscriber subscriber(Set<EventType> types, int capacity, DeliveryLoop loop) {
		return new Subscriber(types, capacity, loop, (left) -> {
		});
	}

	private static Flux<RoomEvent> events(Subscriber subscriber, List<RoomEvent> first) {
		subscriber.startWith(first);
		return SubscriptionFlux.events(subscriber);
	}

	private static Flux<List<RoomEvent>> batches(Subscriber subscriber, List<RoomEvent> first) {
		subscriber.startWith(first);
		return SubscriptionFlux.batches(subscriber);
	}

	private RoomEvent event(EventType type) {
		return new RoomEvent(new EventId("e1", ++this.seq), type, Instant.EPOCH, new byte[0]);
	}

}
