package io.hubbridge.room;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A room's hand-over of events to its subscribers, one thread at a time. */
class FanOutUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FanOut fanOut = new FanOut("lobby", new RoomMetrics(this.registry, "lobby"));

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final CountDownLatch release = new CountDownLatch(1);

	private Disposable stream = () -> {
	};

	@AfterEach
	void stop() {
		this.release.countDown();
		this.stream.dispose();
		this.threads.shutdownNow();
	}

	@Test
	void aMemberGetsOnlyTheEventsAfterThoseItStartedWith() {
		List<Long> received = new CopyOnWriteArrayList<>();
		this.fanOut.event(event(1), 0);
		this.fanOut.event(event(2), 0);
		this.stream = SubscriptionFlux.events(member(2)).subscribe((event) -> received.add(event.id().seq()));
		this.fanOut.event(event(3), 0);
		this.fanOut.handOver(false);
		assertThat(received).containsExactly(3L);
		assertThat(this.registry.get(RoomMetrics.DELIVERED).counter().count()).isEqualTo(1);
	}

	@Test
	void aMessagesThreadWaitsWhileTooManyEventsWaitForAnotherThreadsHandOver() throws Exception {
		List<Long> received = new CopyOnWriteArrayList<>();
		CountDownLatch inHandOver = new CountDownLatch(1);
		this.stream = SubscriptionFlux.events(member(0)).subscribe((event) -> {
			received.add(event.id().seq());
			inHandOver.countDown();
			awaitRelease();
		});
		// a state change's thread hands event 1 over, and is held there
		this.fanOut.event(event(1), 0);
		this.threads.execute(() -> this.fanOut.handOver(false));
		assertThat(inHandOver.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// the upstream's messages keep coming meanwhile
		AtomicInteger appended = new AtomicInteger();
		AtomicReference<Thread> messages = new AtomicReference<>();
		Future<?> messagesDone = this.threads.submit(() -> {
			messages.set(Thread.currentThread());
			for (int seq = 2; seq <= FanOut.MAX_WAITING + 10; seq++) {
				this.fanOut.event(event(seq), 0);
				appended.incrementAndGet();
				this.fanOut.handOver(true);
			}
		});
		await().atMost(WAIT).until(() -> messages.get() != null && messages.get().getState() == Thread.State.WAITING);
		assertThat(appended.get()).as("events waiting when the thread waits").isEqualTo(FanOut.MAX_WAITING + 1);
		assertThat(messagesDone).isNotDone();
		this.release.countDown();
		messagesDone.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> received.size() == FanOut.MAX_WAITING + 10);
		for (int i = 0; i < received.size(); i++) {
			assertThat(received.get(i)).isEqualTo(i + 1L);
		}
	}

	private Subscriber member(long after) {
		Subscriber subscriber = new Subscriber(EnumSet.allOf(EventType.class), 4 * FanOut.MAX_WAITING,
				DeliveryLoop.DIRECT, this.fanOut::remove);
		this.fanOut.add(subscriber, after);
		return subscriber;
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static RoomEvent event(long seq) {
		return new RoomEvent(new EventId("e1", seq), EventType.SHOUT, Instant.EPOCH,
				("id: e1-" + seq + "\nevent: shout\ndata: {}\n\n").getBytes(StandardCharsets.UTF_8));
	}

}
