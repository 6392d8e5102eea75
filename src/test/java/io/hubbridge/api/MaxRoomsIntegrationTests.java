package io.hubbridge.api;

import java.time.Duration;

import io.hubbridge.support.HttpReads;
import io.hubbridge.support.Prometheus;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bridge.limits.max-rooms} over real HTTP: opening one room more is refused with
 * {@code 503} and {@code Retry-After}, whatever would open it, while the open rooms carry
 * on; a room that closes frees its place.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "bridge.embedded-hub.port=0",
		"bridge.limits.max-rooms=2", "bridge.limits.retry-after=7s", "bridge.rooms.grace-period=500ms" })
class MaxRoomsIntegrationTests extends RunningBridge {

	@Test
	void oneRoomTooManyIsRefusedWith503WhileOpenRoomsCarryOnUntilOneCloses() {
		try (SseClient first = joinedStream("first"); SseClient second = joinedStream("second")) {
			double before = Prometheus.rejected(scrape(), "too-many-rooms");
			Refusals.assertRefused(Refusals.stream(this.http, "third"), 503, "too-many-rooms", "7");
			Refusals.assertRefused(Refusals.shout(this.http, "third"), 503, "too-many-rooms", "7");
			Refusals.assertRefused(Refusals.presence(this.http, "third"), 503, "too-many-rooms", "7");
			Refusals.shout(this.http, "first").expectStatus().isCreated().expectBody().returnResult();
			assertThat(first.next("shout").data()).contains("\"body\":\"hi\"");
			try (SseClient again = subscribe("second")) {
				assertThat(again.next().event()).as("an open room takes one more stream").isEqualTo("presence");
			}
			String scrape = scrape();
			assertThat(Prometheus.rejected(scrape, "too-many-rooms") - before).isEqualTo(3);
			assertThat(Prometheus.value(scrape, "hub_bridge_rooms_open")).contains(2d);
			assertThat(Prometheus.value(scrape, "hub_bridge_rooms_max")).contains(2d);
			first.close();
			// the room closes a grace period after its last stream went
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> Prometheus.value(scrape(), "hub_bridge_rooms_open").orElse(-1d) == 1);
			try (SseClient third = joinedStream("third")) {
				assertThat(third.status()).isEqualTo(200);
			}
		}
	}

	private String scrape() {
		return HttpReads.okText(this.http, "/actuator/prometheus");
	}

}
