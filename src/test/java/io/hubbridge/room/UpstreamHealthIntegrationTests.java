package io.hubbridge.room;

import java.time.Duration;

import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.support.HttpReads;
import io.hubbridge.support.SseClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code upstream} health component tells whether open rooms are joined to Hub, in
 * {@code /actuator/health} only: with Hub gone it is DOWN while the liveness and
 * readiness groups stay UP, so no probe restarts or unrouts the bridge for Hub's outage.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.hub.connect-timeout=2s", "bridge.hub.join-timeout=2s",
				"bridge.hub.heartbeat-interval=500ms" })
@DirtiesContext
class UpstreamHealthIntegrationTests {

	private static final EmbeddedHub hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofSeconds(45));

	static {
		hub.start();
	}

	@LocalServerPort
	int port;

	private WebTestClient http;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry registry) {
		registry.add("bridge.hub.url", () -> hub.socketUrl().toString());
	}

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(15))
			.build();
	}

	@AfterAll
	static void stopHub() {
		hub.stop();
	}

	@Test
	void upstreamIsReportedInHealthButNeverInTheProbeGroups() {
		JsonNode upstream = HttpReads.okJson(this.http, "/actuator/health").at("/components/upstream");
		assertThat(upstream.at("/status").asString()).isEqualTo("UP");
		assertThat(upstream.at("/details/rooms").asInt()).isZero();
		try (SseClient stream = SseClient.connect("http://localhost:" + this.port + "/api/rooms/health-room/events")) {
			stream.awaitJoined();
			assertThat(
					HttpReads.okJson(this.http, "/actuator/health").at("/components/upstream/details/joined").asInt())
				.isEqualTo(1);
			hub.stop();
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> this.http.get()
					.uri("/actuator/health")
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectBody()
					.jsonPath("$.components.upstream.status")
					.isEqualTo("DOWN")
					.jsonPath("$.components.upstream.details.joined")
					.isEqualTo(0)
					.jsonPath("$.components.upstream.details.notJoined.health-room")
					.value((String state) -> assertThat(state).matches("(reconnecting|failed|connecting).*")));
			for (String group : new String[] { "liveness", "readiness" }) {
				String body = HttpReads.okText(this.http, "/actuator/health/" + group);
				assertThat(body).contains("\"status\":\"UP\"").doesNotContain("upstream");
			}
		}
	}

}
