package io.hubbridge.room;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.V1Serializer;
import io.hubbridge.room.event.ShutdownEvent;
import io.hubbridge.room.presence.Presence;
import io.hubbridge.support.TestProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams that start while Hub's messages and upstream state changes come in on other
 * threads, each handing events over when no other thread does: every stream gets every
 * event after those it started with exactly once and in order of their ids, through to
 * the final event.
 */
class RoomSessionFanOutConcurrencyTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final int ROUNDS = 25;

	private static final int SHOUTS = 400;

	private static final int STATE_CHANGES = 20;

	private static final int REGISTERING_THREADS = 3;

	private static final int STREAMS_PER_THREAD = 15;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	/** Where batched streams are delivered, as a connection's event loop would. */
	private final ExecutorService deliveries = Executors.newFixedThreadPool(2);

	private final DeliveryLoop deliveryLoop = new DeliveryLoop(this.deliveries, Duration.ZERO);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		this.deliveries.shutdownNow();
	}

	@Test
	void everyStreamGetsEachLaterEventOnceAndInOrder() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			oneRound(round);
		}
	}

	private void oneRound(int round) throws Exception {
		RoomSession session = new RoomSession("lobby", "e1", TestProperties.bind(Map.of()).rooms(),
				new Presence((key) -> true), new SseFrames(JsonMapper.builder().build()), Clock.systemUTC(), () -> {
				});
		hub(session, "presence_state", "{}");
		int streams = REGISTERING_THREADS * STREAMS_PER_THREAD;
		List<Stream> started = new CopyOnWriteArrayList<>();
		CountDownLatch ended = new CountDownLatch(streams);
		CyclicBarrier go = new CyclicBarrier(REGISTERING_THREADS + 2);
		List<Future<?>> work = new ArrayList<>();
		work.add(this.threads.submit(() -> {
			go.await();
			for (int i = 0; i < SHOUTS; i++) {
				hub(session, "shout", "{\"body\":\"b" + i + "\",\"channel\":\"lobby\",\"name\":\"robin\"}");
			}
			return null;
		}));
		work.add(this.threads.submit(() -> {
			go.await();
			for (int i = 1; i <= STATE_CHANGES; i++) {
				session.upstreamConnecting(UpstreamState.RECONNECTING, i, "round " + round);
			}
			return null;
		}));
		for (int t = 0; t < REGISTERING_THREADS; t++) {
			work.add(this.threads.submit(() -> {
				go.await();
				for (int i = 0; i < STREAMS_PER_THREAD; i++) {
					started.add(start(session, i, ended));
				}
				return null;
			}));
		}
		for (Future<?> each : work) {
			each.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		session.endStreams(EventType.SHUTDOWN, new ShutdownEvent("lobby", ShutdownEvent.SHUTTING_DOWN, 5000),
				Duration.ofSeconds(5));
		long last = EventId.parse(session.info().lastEventId()).orElseThrow().seq();
		assertThat(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("round %d: every stream ended", round).isTrue();
		assertThat(started).hasSize(streams);
		for (Stream stream : started) {
			List<Long> seqs = stream.seqs();
			assertThat(seqs).as("round %d", round).isNotEmpty();
			if (stream.resumedFrom() >= 0) {
				assertThat(seqs.get(0)).as("round %d: the first replayed", round).isEqualTo(stream.resumedFrom() + 1);
			}
			for (int i = 1; i < seqs.size(); i++) {
				assertThat(seqs.get(i)).as("round %d: the event after %s in %s", round, seqs.get(i - 1), seqs)
					.isEqualTo(seqs.get(i - 1) + 1);
			}
			assertThat(seqs.get(seqs.size() - 1)).as("round %d: the final event", round).isEqualTo(last);
		}
	}

	/**
	 * Starts a stream: fresh or resumed from a recent id, delivered on the handing thread
	 * or in batches on another.
	 */
	private Stream start(RoomSession session, int i, CountDownLatch ended) {
		long resumedFrom = -1;
		String lastEventId = null;
		if (i % 2 == 1) {
			long current = EventId.parse(session.info().lastEventId()).orElseThrow().seq();
			resumedFrom = Math.max(0, current - ThreadLocalRandom.current().nextInt(20));
			lastEventId = new EventId("e1", resumedFrom).toString();
		}
		Stream stream = new Stream(resumedFrom, new CopyOnWriteArrayList<>());
		EnumSet<EventType> all = EnumSet.allOf(EventType.class);
		if (i % 4 < 2) {
			session.subscribe(lastEventId, all)
				.doOnComplete(ended::countDown)
				.subscribe((event) -> stream.seqs().add(event.id().seq()));
		}
		else {
			session.subscribeInBatches(lastEventId, all, this.deliveryLoop)
				.doOnComplete(ended::countDown)
				.subscribe((batch) -> batch.forEach((event) -> stream.seqs().add(event.id().seq())));
		}
		return stream;
	}

	private static void hub(RoomSession session, String event, String payload) {
		Message message = V1Serializer.INSTANCE
			.decode("{\"topic\":\"room:lobby\",\"event\":\"" + event + "\",\"payload\":" + payload + ",\"ref\":null}");
		session.upstreamMessage(message);
	}

	/** A stream's event sequence numbers, and where it resumed from (-1: fresh). */
	private record Stream(long resumedFrom, List<Long> seqs) {
	}

}
