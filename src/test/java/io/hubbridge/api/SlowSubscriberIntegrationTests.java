package io.hubbridge.api;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.RoomSession;
import io.hubbridge.support.RawSseSocket;
import io.hubbridge.support.SseEvent;
import io.hubbridge.support.SseParser;
import io.hubbridge.support.SseStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One subscriber that stops reading, beside a hundred that read, over real HTTP: large
 * shouts back up the slow one's TCP buffers, then its queue, until the bridge drops it;
 * the hundred get every shout once and in order, without waiting for it, and the heap
 * does not grow with what the slow one did not read.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.rooms.subscriber-queue=64",
				"bridge.rooms.replay-events=16", "bridge.rooms.recent-shouts=1", "bridge.sse.keep-alive=10m",
				// one client posts as fast as it can
				"bridge.limits.shouts.rate=100000", "bridge.limits.shouts.burst=100000" })
class SlowSubscriberIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int READERS = 100;

	private static final int BODY_SIZE = 32 * 1024;

	/** Shouts posted once the slow subscriber has been dropped. */
	private static final int AFTER_DROP = 100;

	private static final String ROOM = "slow";

	@LocalServerPort
	int port;

	@Autowired
	RoomRegistry rooms;

	WebClient http;

	@BeforeEach
	void client() {
		this.http = WebClient.builder().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void subscriberThatStopsReadingIsDroppedWhileAHundredReadersGetEveryShoutOnceInOrderWithoutWaiting()
			throws Exception {
		List<Reader> readers = IntStream.range(0, READERS).mapToObj((i) -> new Reader()).toList();
		List<Disposable> streams = new ArrayList<>();
		try (SseStreams sse = new SseStreams("readers", READERS)) {
			readers.forEach((reader) -> streams.add(sse.events(eventsUrl(), null).subscribe(reader::accept)));
			Awaitility.await().until(() -> readers.stream().allMatch(Reader::started));
			try (RawSseSocket slow = RawSseSocket.open(this.port, "/api/rooms/" + ROOM + "/events")) {
				Awaitility.await().until(() -> subscribers() == READERS + 1);
				// a first shout, so that the readers' buffers have grown to their size
				post(0);
				Awaitility.await().until(() -> readers.stream().allMatch((reader) -> reader.count() == 1));
				long heapBefore = usedHeapAfterGc();
				int posted = 1;
				while (subscribers() > READERS) {
					assertThat(posted).as("shouts posted without the slow subscriber being dropped").isLessThan(5000);
					post(posted++);
				}
				int droppedAfter = posted;
				for (int i = 0; i < AFTER_DROP; i++) {
					post(posted++);
				}
				long lastPosted = System.nanoTime();
				int total = posted;
				Awaitility.await()
					.atMost(Duration.ofSeconds(60))
					.until(() -> readers.stream().allMatch((reader) -> reader.count() == total));
				long slowestReader = readers.stream().mapToLong(Reader::lastArrival).max().orElseThrow();
				Duration lag = Duration.ofNanos(slowestReader - lastPosted);
				for (Reader reader : readers) {
					assertThat(reader.shouts()).containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
				}
				assertThat(lag).as("the last shout reached all readers soon after it was confirmed")
					.isLessThan(Duration.ofSeconds(15));
				assertThat(roomDetail().get("subscribers").intValue()).isEqualTo(READERS);
				long heapAfter = usedHeapAfterGc();
				long unboundedCost = (long) total * BODY_SIZE;
				System.out.printf(Locale.ROOT,
						"slow subscriber dropped after %d shouts of %d KiB; %d posted; heap used after GC %d KiB before, %d KiB after "
								+ "(growth %d KiB; queueing every shout for it would hold %d KiB); last shout reached all %d readers %d ms after it was confirmed%n",
						droppedAfter, BODY_SIZE / 1024, total, heapBefore / 1024, heapAfter / 1024,
						(heapAfter - heapBefore) / 1024, unboundedCost / 1024, READERS, lag.toMillis());
				assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(unboundedCost / 2);

				RawSseSocket.Received received = slow.readToEnd(Duration.ofSeconds(30));
				assertThat(received.status()).isEqualTo(200);
				assertThat(received.ending()).isEqualTo(RawSseSocket.Ending.LAST_CHUNK);
				SseParser parser = new SseParser();
				List<Integer> slowShouts = parser.feed(received.body())
					.stream()
					.filter((event) -> event.event().equals("shout"))
					.map(SlowSubscriberIntegrationTests::sequence)
					.toList();
				System.out.printf(Locale.ROOT, "the slow subscriber read %d shouts, then %s; comments %s%n",
						slowShouts.size(), received.ending(), parser.comments());
				assertThat(slowShouts)
					.containsExactlyElementsOf(IntStream.range(0, slowShouts.size()).boxed().toList());
				assertThat(slowShouts.size()).isLessThan(droppedAfter);
				assertThat(parser.comments()).last()
					.isEqualTo("too slow: more than 64 events waited for this stream; "
							+ "reconnect with Last-Event-ID to resume");
			}
		}
		finally {
			streams.forEach(Disposable::dispose);
		}
	}

	private void post(int sequence) {
		String body = String.format(Locale.ROOT, "%06d ", sequence) + "x".repeat(BODY_SIZE - 7);
		// a pooled connection may be closed under the client on a loaded machine:
		// retrying
		// with the same Idempotency-Key can never shout twice
		JsonNode receipt = this.http.post()
			.uri("/api/rooms/{room}/shouts", ROOM)
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "slow-" + sequence)
			.bodyValue("{\"name\":\"robin\",\"body\":\"" + body + "\"}")
			.retrieve()
			.bodyToMono(JsonNode.class)
			.retryWhen(Retry.max(3).filter(WebClientRequestException.class::isInstance))
			.block(Duration.ofSeconds(30));
		assertThat(receipt.get("status").stringValue()).as("shout %d", sequence).isEqualTo("confirmed");
	}

	private int subscribers() {
		return this.rooms.find(ROOM).map(RoomSession::subscriberCount).orElse(0);
	}

	private JsonNode roomDetail() {
		return this.http.get().uri("/api/rooms/{room}", ROOM).retrieve().bodyToMono(JsonNode.class).block();
	}

	private String eventsUrl() {
		return "http://localhost:" + this.port + "/api/rooms/" + ROOM + "/events";
	}

	private static int sequence(SseEvent shout) {
		int body = shout.data().indexOf("\"body\":\"") + 8;
		return Integer.parseInt(shout.data().substring(body, body + 6));
	}

	private static long usedHeapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** One reading subscriber: keeps the sequence numbers of the shouts it received. */
	private static final class Reader {

		private final List<Integer> shouts = Collections.synchronizedList(new ArrayList<>());

		private volatile boolean started;

		private volatile long lastArrival;

		void accept(SseEvent event) {
			this.started = true;
			if (event.event().equals("shout")) {
				this.shouts.add(sequence(event));
				this.lastArrival = System.nanoTime();
			}
		}

		boolean started() {
			return this.started;
		}

		int count() {
			return this.shouts.size();
		}

		List<Integer> shouts() {
			return List.copyOf(this.shouts);
		}

		long lastArrival() {
			return this.lastArrival;
		}

	}

}
