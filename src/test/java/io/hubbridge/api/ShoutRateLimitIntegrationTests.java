package io.hubbridge.api;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.hubbridge.support.HttpReads;
import io.hubbridge.support.Prometheus;
import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token bucket on shouts over real HTTP, with clients on distinct loopback addresses:
 * a client past its burst is refused with {@code 429} and a {@code Retry-After} of its
 * refill time, and another client is not limited by it. One token per 100 s, two at once,
 * so that no token comes back while a test runs; the {@code Retry-After} is the rest of
 * those 100 s, rounded up (exact values are checked on controlled time in
 * {@code RateLimiterUnitTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.limits.shouts.rate=0.01", "bridge.limits.shouts.burst=2" })
class ShoutRateLimitIntegrationTests extends RunningBridge {

	@Test
	void aClientPastItsBurstIsRefusedWith429WhileAnotherClientShoutsOn() {
		WebTestClient flooder = clientFrom("127.0.0.1");
		WebTestClient other = clientFrom("127.0.0.2");
		double before = Prometheus.rejected(scrape(), "rate-limited");
		shoutCreated(flooder, "rated");
		shoutCreated(flooder, "rated");
		for (int i = 0; i < 5; i++) {
			Refusals.assertRefused(Refusals.shout(flooder, "rated"), 429, "rate-limited", 1, 100);
		}
		shoutCreated(other, "rated");
		shoutCreated(other, "elsewhere");
		Refusals.assertRefused(Refusals.shout(other, "rated"), 429, "rate-limited", 1, 100);
		Refusals.assertRefused(Refusals.shout(flooder, "elsewhere"), 429, "rate-limited", 1, 100);
		assertThat(Prometheus.rejected(scrape(), "rate-limited") - before).isEqualTo(7);
		assertThat(Prometheus.value(scrape(), "hub_bridge_shouts_rate_clients").orElseThrow())
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void aReplayedAnswerTakesNoToken() {
		WebTestClient client = clientFrom("127.0.0.3");
		for (int i = 0; i < 3; i++) {
			client.post()
				.uri("/api/rooms/{room}/shouts", "replayed")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "once")
				.bodyValue("{\"name\":\"robin\",\"body\":\"once\"}")
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody()
				.returnResult();
		}
		shoutCreated(client, "replayed");
		Refusals.assertRefused(Refusals.shout(client, "replayed"), 429, "rate-limited", 1, 100);
	}

	@Test
	void refusedShoutsNeverReachHub() {
		WebTestClient client = clientFrom("127.0.0.4");
		shoutCreated(client, "unsent");
		shoutCreated(client, "unsent");
		Refusals.assertRefused(Refusals.shout(client, "unsent"), 429, "rate-limited", 1, 100);
		assertThat(HttpReads.okJson(this.http, "/api/rooms/unsent/shouts")).hasSize(2);
	}

	@Test
	void withoutForwardedHeadersOnAClientCannotPassForAnotherByNamingOne() {
		WebTestClient client = clientFrom("127.0.0.5");
		for (String forwardedFor : new String[] { "203.0.113.1", "203.0.113.2" }) {
			client.post()
				.uri("/api/rooms/{room}/shouts", "spoofed")
				.header("X-Forwarded-For", forwardedFor)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"name\":\"robin\",\"body\":\"hi\"}")
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody()
				.returnResult();
		}
		Refusals.assertRefused(client.post()
			.uri("/api/rooms/{room}/shouts", "spoofed")
			.header("X-Forwarded-For", "203.0.113.3")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"hi\"}")
			.exchange(), 429, "rate-limited", 1, 100);
	}

	@Test
	void everyReasonIsInTheMetricsFromTheStart() {
		String scrape = scrape();
		for (String reason : new String[] { "too-many-rooms", "room-full", "too-many-streams", "rate-limited" }) {
			assertThat(Prometheus.value(scrape, "hub_bridge_requests_rejected_total{reason=\"" + reason + "\"}"))
				.as(reason)
				.isPresent();
		}
		assertThat(Prometheus.value(scrape, "hub_bridge_rooms_max")).contains(1000d);
	}

	private WebTestClient clientFrom(String address) {
		HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
			.responseTimeout(Duration.ofSeconds(30))
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
	}

	private static void shoutCreated(WebTestClient client, String room) {
		Refusals.shout(client, room).expectStatus().isCreated().expectBody().returnResult();
	}

	private String scrape() {
		return HttpReads.okText(this.http, "/actuator/prometheus");
	}

}
