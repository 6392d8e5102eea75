package io.hubbridge.api;

import java.time.Duration;

import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.RoomSession;
import io.hubbridge.support.HttpReads;
import io.hubbridge.support.Prometheus;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bridge.limits.max-subscribers-per-room} over real HTTP: one stream more is
 * refused with {@code 503} and {@code Retry-After}; the room and its streams carry on,
 * and a stream that ends makes room for another.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "bridge.embedded-hub.port=0",
		"bridge.limits.max-subscribers-per-room=2", "bridge.limits.retry-after=3s" })
class RoomFullIntegrationTests extends RunningBridge {

	@Autowired
	RoomRegistry rooms;

	@Autowired
	StreamsPerClient streams;

	@Test
	void oneStreamTooManyIsRefusedWith503WhileTheRoomCarriesOn() {
		try (SseClient first = joinedStream("full"); SseClient second = joinedStream("full")) {
			double before = Prometheus.rejected(scrape(), "room-full");
			Refusals.assertRefused(Refusals.stream(this.http, "full"), 503, "room-full", "3");
			Refusals.assertRefused(Refusals.stream(this.http, "full"), 503, "room-full", "3");
			assertThat(Prometheus.rejected(scrape(), "room-full") - before).isEqualTo(2);
			assertThat(this.streams.open()).as("a refused stream holds nothing of its client's").isEqualTo(2);
			Refusals.shout(this.http, "full").expectStatus().isCreated().expectBody().returnResult();
			assertThat(first.next("shout").data()).contains("\"body\":\"hi\"");
			assertThat(second.next("shout").data()).contains("\"body\":\"hi\"");
			try (SseClient elsewhere = subscribe("not-full")) {
				assertThat(elsewhere.next().event()).as("another room is not full").isEqualTo("presence");
			}
			first.close();
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> subscribers("full") == 1);
			try (SseClient third = subscribe("full")) {
				assertThat(third.next().event()).isEqualTo("presence");
				assertThat(third.status()).isEqualTo(200);
			}
		}
	}

	private int subscribers(String room) {
		return this.rooms.find(room).map(RoomSession::subscriberCount).orElse(0);
	}

	private String scrape() {
		return HttpReads.okText(this.http, "/actuator/prometheus");
	}

}
