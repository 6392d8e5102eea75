package io.hubbridge.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.V1Serializer;
import io.hubbridge.room.event.ShutdownEvent;
import io.hubbridge.room.presence.Presence;
import io.hubbridge.support.TestProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a room does outside its lock: the hand-over of events to the subscribers' queues
 * and the answer to a posted shout. A subscriber whose delivery (on the handing thread,
 * with {@link RoomSession#subscribe}) waits on a latch holds a hand-over open, and the
 * room must answer other threads meanwhile. Each call that needs the room runs on a
 * thread of its own with a generous timeout: while the room's lock is held it would time
 * out rather than hang the test.
 */
class RoomSessionOutsideTheLockUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final EnumSet<EventType> ALL = EnumSet.allOf(EventType.class);

	private final RoomSession session = new RoomSession("lobby", "e1", TestProperties.bind(Map.of()).rooms(),
			new Presence((key) -> !key.equals("hub-bridge")), new SseFrames(JsonMapper.builder().build()),
			Clock.fixed(Instant.parse("2026-11-27T23:11:25Z"), ZoneOffset.UTC), () -> {
			});

	private final ExecutorService upstream = Executors.newSingleThreadExecutor();

	private final ExecutorService requests = Executors.newCachedThreadPool();

	/** Counted down by the blocking subscriber once it is inside a hand-over. */
	private final CountDownLatch inHandOver = new CountDownLatch(1);

	/** Lets the blocking subscriber's hand-over go on. */
	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Disposable> streams = new CopyOnWriteArrayList<>();

	@AfterEach
	void release() {
		this.release.countDown();
		this.streams.forEach(Disposable::dispose);
		this.upstream.shutdownNow();
		this.requests.shutdownNow();
	}

	@Test
	void requestsGoOnWhileAnotherThreadHandsAnEventToTheSubscribers() throws Exception {
		hub("presence_state", "{}");
		blockTheNextShoutsHandOver();
		RoomInfo info = within(this.session::info);
		assertThat(info.subscribers()).isEqualTo(1);
		assertThat(info.lastEventId()).isEqualTo("e1-3");
		RoomEvent first = within(() -> this.session.subscribe(null, ALL).blockFirst(WAIT));
		assertThat(first.type()).isEqualTo(EventType.PRESENCE);
		Mono<ShoutResult> posted = within(() -> this.session.sendAndConfirm("robin", "posted", Mono.never()));
		assertThat(posted).isNotNull();
		assertThat(within(() -> this.session.recentShouts(1))).hasSize(1);
	}

	@Test
	void aConfirmedShoutIsAnsweredOutsideTheRoomsLock() {
		hub("presence_state", "{}");
		List<RoomInfo> seenWhileAnswering = new CopyOnWriteArrayList<>();
		// the answer asks the room from another thread, as a request would, and waits
		Mono<ShoutResult> answered = this.session.sendAndConfirm("robin", "hi", Mono.empty())
			.doOnNext((result) -> seenWhileAnswering.add(withinUnchecked(this.session::info)));
		StepVerifier.create(answered)
			.then(() -> hub("shout", "{\"body\":\"hi\",\"channel\":\"lobby\",\"name\":\"robin\"}"))
			.assertNext((result) -> {
				assertThat(result.confirmed()).isTrue();
				assertThat(result.id()).hasToString("e1-3");
			})
			.expectComplete()
			.verify(WAIT.multipliedBy(2));
		assertThat(seenWhileAnswering).extracting(RoomInfo::lastEventId).containsExactly("e1-3");
	}

	@Test
	void eventsAndTheFinalEventThatCameDuringAHandOverFollowItInOrder() throws Exception {
		hub("presence_state", "{}");
		List<RoomEvent> observed = new CopyOnWriteArrayList<>();
		CountDownLatch observedEnd = new CountDownLatch(1);
		blockTheNextShoutsHandOver();
		// registered after the blocking one: the hand-over has not reached it yet
		this.streams.add(within(
				() -> this.session.subscribe(null, ALL).doOnComplete(observedEnd::countDown).subscribe(observed::add)));
		within(() -> {
			hub("shout", "{\"body\":\"b2\"}");
			hub("shout", "{\"body\":\"b3\"}");
			endStreams();
			return null;
		});
		this.release.countDown();
		assertThat(observedEnd.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// its snapshot was taken after the first shout: it holds that one
		assertThat(observed).extracting((event) -> event.id().seq()).containsExactly(3L, 4L, 5L, 6L);
		assertThat(observed).extracting(RoomEvent::type)
			.containsExactly(EventType.PRESENCE, EventType.SHOUT, EventType.SHOUT, EventType.SHUTDOWN);
		// every stream leaves once its end is handed over; the blocking one's after this
		// one's
		await().atMost(WAIT).until(() -> this.session.subscriberCount() == 0);
	}

	@Test
	void closeEndsTheStreamsAfterTheEventsThatWaitForTheirHandOver() throws Exception {
		hub("presence_state", "{}");
		List<RoomEvent> observed = new CopyOnWriteArrayList<>();
		CountDownLatch observedEnd = new CountDownLatch(1);
		this.streams
			.add(this.session.subscribe(null, ALL).doOnComplete(observedEnd::countDown).subscribe(observed::add));
		blockTheNextShoutsHandOver();
		within(() -> {
			hub("shout", "{\"body\":\"b2\"}");
			this.session.close();
			return null;
		});
		assertThat(this.session.isClosed()).isTrue();
		this.release.countDown();
		assertThat(observedEnd.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(observed).extracting((event) -> event.id().seq()).containsExactly(2L, 3L, 4L);
	}

	@Test
	void aStreamThatStartsDuringAHandOverGetsEachLaterEventOnce() throws Exception {
		hub("presence_state", "{}");
		blockTheNextShoutsHandOver();
		within(() -> {
			hub("shout", "{\"body\":\"b2\"}");
			hub("shout", "{\"body\":\"b3\"}");
			return null;
		});
		// both start while shouts 4 and 5 still wait for their hand-over
		List<RoomEvent> fresh = new CopyOnWriteArrayList<>();
		List<RoomEvent> resumed = new CopyOnWriteArrayList<>();
		CountDownLatch ended = new CountDownLatch(2);
		this.streams
			.add(within(() -> this.session.subscribe(null, ALL).doOnComplete(ended::countDown).subscribe(fresh::add)));
		this.streams.add(within(
				() -> this.session.subscribe("e1-3", ALL).doOnComplete(ended::countDown).subscribe(resumed::add)));
		this.release.countDown();
		hub("shout", "{\"body\":\"b4\"}");
		endStreams();
		assertThat(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(fresh).extracting((event) -> event.id().seq()).containsExactly(5L, 6L, 7L);
		assertThat(fresh.get(0).type()).isEqualTo(EventType.PRESENCE);
		assertThat(resumed).extracting((event) -> event.id().seq()).containsExactly(4L, 5L, 6L, 7L);
	}

	/**
	 * Subscribes a stream whose delivery of the next shout waits for {@link #release},
	 * then has the upstream's thread hand a shout over, and waits until that hand-over is
	 * held there. Events before it: the presence state's joined and snapshot (1 and 2);
	 * the shout is 3.
	 */
	private void blockTheNextShoutsHandOver() throws InterruptedException {
		this.streams.add(this.session.subscribe(null, EnumSet.of(EventType.SHOUT)).subscribe((event) -> {
			this.inHandOver.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		this.upstream.execute(() -> hub("shout", "{\"body\":\"b1\",\"channel\":\"lobby\",\"name\":\"robin\"}"));
		assertThat(this.inHandOver.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the hand-over started").isTrue();
	}

	/** Runs a call on another thread, failing when it does not return in time. */
	private <T> T within(Callable<T> call) throws Exception {
		Future<T> result = this.requests.submit(call);
		return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	private <T> T withinUnchecked(Callable<T> call) {
		try {
			return within(call);
		}
		catch (Exception ex) {
			throw new IllegalStateException("the room did not answer in time", ex);
		}
	}

	private void endStreams() {
		this.session.endStreams(EventType.SHUTDOWN, new ShutdownEvent("lobby", ShutdownEvent.SHUTTING_DOWN, 5000),
				Duration.ofSeconds(5));
	}

	private void hub(String event, String payload) {
		Message message = V1Serializer.INSTANCE
			.decode("{\"topic\":\"room:lobby\",\"event\":\"" + event + "\",\"payload\":" + payload + ",\"ref\":null}");
		this.session.upstreamMessage(message);
	}

}
