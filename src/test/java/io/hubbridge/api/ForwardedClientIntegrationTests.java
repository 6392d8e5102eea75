package io.hubbridge.api;

import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Behind a proxy, with {@code server.forward-headers-strategy=native}, a client is the
 * address the proxy names in {@code X-Forwarded-For}, not the proxy: clients behind one
 * proxy are limited one by one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "bridge.embedded-hub.port=0",
		"server.forward-headers-strategy=native", "bridge.limits.shouts.rate=0.01", "bridge.limits.shouts.burst=1" })
class ForwardedClientIntegrationTests extends RunningBridge {

	@Test
	void clientsBehindOneProxyAreLimitedOneByOne() {
		shout("203.0.113.7").expectStatus().isCreated().expectBody().returnResult();
		Refusals.assertRefused(shout("203.0.113.7"), 429, "rate-limited", 1, 100);
		shout("203.0.113.8").expectStatus().isCreated().expectBody().returnResult();
		Refusals.assertRefused(shout("203.0.113.8"), 429, "rate-limited", 1, 100);
	}

	private WebTestClient.ResponseSpec shout(String forwardedFor) {
		return this.http.post()
			.uri("/api/rooms/{room}/shouts", "proxied")
			.header("X-Forwarded-For", forwardedFor)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"hi\"}")
			.exchange();
	}

}
