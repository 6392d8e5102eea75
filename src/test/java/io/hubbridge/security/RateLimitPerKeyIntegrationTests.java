package io.hubbridge.security;

import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With authenticated writes, the shout rate is counted per API key, not per address: two
 * keys used from the same machine have a bucket each.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.rooms.join-wait=30s",
				"bridge.security.writes=authenticated", "bridge.security.api-keys[0].name=alice",
				"bridge.security.api-keys[0].key=" + RateLimitPerKeyIntegrationTests.ALICE,
				"bridge.security.api-keys[1].name=bob",
				"bridge.security.api-keys[1].key=" + RateLimitPerKeyIntegrationTests.BOB,
				// one token per 1,000 s: the bucket never refills during the test
				"bridge.limits.shouts.rate=0.001", "bridge.limits.shouts.burst=2" })
class RateLimitPerKeyIntegrationTests extends RunningBridge {

	static final String ALICE = "alice-key-0123456789abcdef";

	static final String BOB = "bob-key-0123456789abcdef";

	@Test
	void oneKeyUsingUpItsBucketLeavesAnotherKeyFromTheSameAddressUnlimited() {
		created(post(ALICE, "alice"));
		created(post(ALICE, "alice"));
		post(ALICE, "alice").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:rate-limited");
		created(post(BOB, "bob"));
	}

	/** Reads the body too: WebTestClient leaks an unread one (spring-framework#36050). */
	private static void created(WebTestClient.ResponseSpec response) {
		response.expectStatus().isCreated().expectBody().returnResult();
	}

	private WebTestClient.ResponseSpec post(String key, String name) {
		return this.http.post()
			.uri("/api/rooms/per-key/shouts")
			.header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"" + name + "\",\"body\":\"hello\"}")
			.exchange();
	}

}
