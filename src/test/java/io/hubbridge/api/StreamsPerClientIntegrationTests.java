package io.hubbridge.api;

import java.time.Duration;
import java.util.Locale;

import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.RoomSession;
import io.hubbridge.support.HttpReads;
import io.hubbridge.support.Prometheus;
import io.hubbridge.support.RawSseSocket;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bridge.limits.max-streams-per-client} over real HTTP: one stream more from the
 * same client is refused with {@code 429} and {@code Retry-After}, another client is not
 * affected, and a stream stops counting however it ends (for the shutdown, see
 * {@link StreamsEndedByShutdownIntegrationTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.limits.max-streams-per-client=2",
				"bridge.limits.retry-after=4s", "bridge.rooms.subscriber-queue=8", "bridge.rooms.replay-events=16",
				"bridge.rooms.recent-shouts=1", "bridge.sse.keep-alive=1s", "bridge.limits.shouts.rate=100000",
				"bridge.limits.shouts.burst=100000" })
class StreamsPerClientIntegrationTests extends RunningBridge {

	private static final int BODY_SIZE = 64 * 1024;

	@Autowired
	StreamsPerClient streams;

	@Autowired
	RoomRegistry rooms;

	@Test
	void oneStreamTooManyFromAClientIsRefusedWith429AndOtherClientsAreNotAffected() {
		try (SseClient first = joinedStream("many"); SseClient second = joinedStream("other")) {
			double before = Prometheus.rejected(scrape(), "too-many-streams");
			Refusals.assertRefused(Refusals.stream(this.http, "many"), 429, "too-many-streams", "4");
			Refusals.assertRefused(Refusals.stream(this.http, "third"), 429, "too-many-streams", "4");
			assertThat(Prometheus.rejected(scrape(), "too-many-streams") - before).isEqualTo(2);
			assertThat(this.rooms.find("third")).as("a refused stream opens no room").isEmpty();
			try (SseClient elsewhere = SseClient.connectFrom("127.0.0.2", loopbackEventsUrl("many"))) {
				assertThat(elsewhere.next().event()).as("another client's stream").isEqualTo("presence");
				assertThat(elsewhere.status()).isEqualTo(200);
			}
			assertThat(Prometheus.value(scrape(), "hub_bridge_streams_open")).isPresent();
		}
	}

	@Test
	void aStreamTheClientClosedNoLongerCounts() {
		try (SseClient first = joinedStream("closing"); SseClient second = joinedStream("closing")) {
			Refusals.assertRefused(Refusals.stream(this.http, "closing"), 429, "too-many-streams", "4");
			first.close();
			awaitOpenStreams(1);
			try (SseClient third = subscribe("closing")) {
				assertThat(third.next().event()).isEqualTo("presence");
			}
		}
		awaitOpenStreams(0);
	}

	@Test
	void aStreamDroppedForFallingBehindNoLongerCounts() throws Exception {
		WebTestClientPoster poster = new WebTestClientPoster();
		try (SseClient watching = joinedStream("slow");
				RawSseSocket stuck = RawSseSocket.open(this.port, "/api/rooms/slow/events")) {
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> subscribers("slow") == 2);
			assertThat(this.streams.open()).isEqualTo(2);
			int posted = 0;
			while (subscribers("slow") == 2) {
				assertThat(posted).as("shouts posted without the stuck stream being dropped").isLessThan(2000);
				poster.post(posted++);
			}
			// dropped by the room, then its connection closed a keep-alive period later
			awaitOpenStreams(1);
			assertThat(watching.next("shout").event()).isEqualTo("shout");
		}
		awaitOpenStreams(0);
	}

	private void awaitOpenStreams(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.streams.open() == count);
	}

	private int subscribers(String room) {
		return this.rooms.find(room).map(RoomSession::subscriberCount).orElse(0);
	}

	private String loopbackEventsUrl(String room) {
		return "http://127.0.0.1:" + this.port + "/api/rooms/" + room + "/events";
	}

	private String scrape() {
		return HttpReads.okText(this.http, "/actuator/prometheus");
	}

	/**
	 * Posts large numbered shouts, each confirmed, to back up a stream that reads
	 * nothing.
	 */
	private final class WebTestClientPoster {

		void post(int sequence) {
			String body = String.format(Locale.ROOT, "%06d ", sequence) + "x".repeat(BODY_SIZE - 7);
			StreamsPerClientIntegrationTests.this.http.post()
				.uri("/api/rooms/{room}/shouts", "slow")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"name\":\"robin\",\"body\":\"" + body + "\"}")
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody()
				.returnResult();
		}

	}

}
