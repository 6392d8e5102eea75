package io.hubbridge.room;

import java.time.Duration;

import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.support.SseClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
		this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.upstream.status")
			.isEqualTo("UP")
			.jsonPath("$.components.upstream.details.rooms")
			.isEqualTo(0);
		try (SseClient stream = SseClient.connect("http://localhost:" + this.port + "/api/rooms/health-room/events")) {
			stream.awaitJoined();
			this.http.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.upstream.details.joined")
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
				String body = this.http.get()
					.uri("/actuator/health/" + group)
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody(String.class)
					.returnResult()
					.getResponseBody();
				assertThat(body).contains("\"status\":\"UP\"").doesNotContain("upstream");
			}
		}
	}

}
