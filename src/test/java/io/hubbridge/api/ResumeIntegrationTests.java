package io.hubbridge.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

import io.hubbridge.phoenix.PhoenixEndpoint;
import io.hubbridge.room.EventId;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exact resume over real HTTP: a subscriber that drops its stream at random moments while
 * a Hub user shouts at a steady pace, and comes back each time with the id of the last
 * event it processed, processes every shout once and in order. When the replay buffer no
 * longer holds what it missed, it is told so and gets a fresh snapshot.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.rooms.replay-events=2000" })
class ResumeIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration PACE = Duration.ofMillis(4);

	@LocalServerPort
	int port;

	@Autowired
	PhoenixEndpoint hub;

	@Autowired
	RoomRegistry rooms;

	@Test
	void subscriberThatDisconnectsAtRandomAndResumesProcessesAThousandShoutsOnceInOrder() {
		String room = "resume";
		Random random = new Random(20261128L);
		Stream stream = new Stream(joinedStream(room));
		try (HubUser shouter = HubUser.join(this.hub.socketUrl(), room, "shouter")) {
			stream.skipUntil("join");
			Disposable shouting = shoutAtSteadyPace(shouter, 0, 1000);
			List<Integer> processed = new ArrayList<>();
			int reconnects = 0;
			try {
				while (processed.size() < 1000) {
					int batch = 20 + random.nextInt(101);
					for (int i = 0; i < batch && processed.size() < 1000; i++) {
						SseEvent event = stream.next();
						assertThat(event.event()).as("no history lost").isNotEqualTo("reset");
						if (event.event().equals("shout")) {
							processed.add(sequence(event));
						}
					}
					stream.reconnect(eventsUrl(room));
					reconnects++;
				}
			}
			finally {
				shouting.dispose();
				stream.close();
			}
			assertThat(processed).containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
			assertThat(reconnects).isGreaterThan(10);
		}
	}

	/** A stream on the room once its upstream has joined and sent the room's presence. */
	SseClient joinedStream(String room) {
		SseClient client = SseClient.connect(eventsUrl(room));
		// the upstream may have joined before the stream registered: then its first
		// snapshot already says so
		SseEvent event = client.next();
		while (!event.event().equals("presence") || !event.data().contains("\"upstream\":\"joined\"")) {
			event = client.next();
		}
		return client;
	}

	String eventsUrl(String room) {
		return "http://localhost:" + this.port + "/api/rooms/" + room + "/events";
	}

	/** Shouts {@code count} sequence numbers from {@code first}, one per tick. */
	static Disposable shoutAtSteadyPace(HubUser shouter, int first, int count) {
		return Flux.interval(PACE)
			.take(count)
			.subscribe((tick) -> shouter.shout("shouter", String.format(Locale.ROOT, "%04d", first + tick)));
	}

	static int sequence(SseEvent shout) {
		return Integer.parseInt(json(shout.data()).get("body").stringValue());
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/** A replay buffer too small for what the subscriber missed. */
	@Nested
	@TestPropertySource(properties = "bridge.rooms.replay-events=50")
	class WhenHistoryIsLost {

		@Test
		void resumingPastTheReplayBufferGetsAResetThenAFreshSnapshotAndContinuesInOrder() {
			String room = "resume-lost";
			Stream stream = new Stream(joinedStream(room));
			try (HubUser shouter = HubUser.join(ResumeIntegrationTests.this.hub.socketUrl(), room, "shouter")) {
				stream.skipUntil("join");
				Disposable shouting = shoutAtSteadyPace(shouter, 0, 200);
				List<Integer> before = new ArrayList<>();
				while (before.size() < 40) {
					SseEvent event = stream.next();
					if (event.event().equals("shout")) {
						before.add(sequence(event));
					}
				}
				stream.close();
				String lastSeen = stream.lastId();
				long lastSeenSeq = EventId.parse(lastSeen).orElseThrow().seq();
				// every shout is sent and more than the buffer holds happened since
				Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> roomSeq(room) >= lastSeenSeq + 160);
				shouting.dispose();
				stream.reconnect(eventsUrl(room));
				SseEvent reset = stream.next();
				assertThat(reset.event()).isEqualTo("reset");
				assertThat(json(reset.data()).get("reason").stringValue()).isEqualTo("history-lost");
				assertThat(json(reset.data()).get("requestedId").stringValue()).isEqualTo(lastSeen);
				SseEvent presence = stream.next();
				assertThat(presence.event()).isEqualTo("presence");
				assertThat(json(presence.data()).get("count").intValue()).isEqualTo(1);
				Disposable more = shoutAtSteadyPace(shouter, 1000, 50);
				List<Integer> after = new ArrayList<>();
				try {
					while (after.size() < 50) {
						SseEvent event = stream.next();
						assertThat(event.event()).isNotEqualTo("reset");
						if (event.event().equals("shout")) {
							after.add(sequence(event));
						}
					}
				}
				finally {
					more.dispose();
					stream.close();
				}
				assertThat(before).containsExactlyElementsOf(IntStream.range(0, 40).boxed().toList());
				assertThat(after).containsExactlyElementsOf(IntStream.range(1000, 1050).boxed().toList());
			}
		}

		private long roomSeq(String room) {
			return ResumeIntegrationTests.this.rooms.find(room)
				.flatMap((session) -> EventId.parse(session.info().lastEventId()))
				.map(EventId::seq)
				.orElse(0L);
		}

	}

	/**
	 * One subscriber's stream across reconnections, remembering the id of the last event
	 * it processed.
	 */
	static final class Stream {

		private SseClient client;

		private String lastId;

		Stream(SseClient joined) {
			this.client = joined;
		}

		SseEvent next() {
			SseEvent event = this.client.next();
			this.lastId = event.id();
			return event;
		}

		void skipUntil(String type) {
			while (!next().event().equals(type)) {
				// processed and skipped
			}
		}

		/** Drops the connection, then resumes from the last event processed. */
		void reconnect(String url) {
			this.client.close();
			this.client = SseClient.resume(url, this.lastId);
		}

		String lastId() {
			return this.lastId;
		}

		void close() {
			this.client.close();
		}

	}

}
