package io.hubbridge.upstream;

import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.StatusAssertions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bridge.hub.max-frame-size} also bounds what the bridge sends: a shout whose
 * frame would exceed it (its echo from Hub would not fit either, and would cost the room
 * its connection) is refused with {@code 413} before it reaches Hub, and the room carries
 * on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.hub.max-frame-size=64KB" })
// a context no other class shares: not kept running beside the tests that measure heap
@DirtiesContext
class UpstreamOutboundFrameLimitIntegrationTests extends RunningBridge {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void shoutTooLargeForTheFrameLimitIsRefusedAndTheRoomCarriesOn() {
		try (SseClient stream = joinedStream("frames")) {
			byte[] problem = post("{\"name\":\"robin\",\"body\":\"" + "x".repeat(70 * 1024) + "\"}").isEqualTo(413)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.returnResult()
				.getResponseBody();
			JsonNode refused = JSON.readTree(problem);
			assertThat(refused.get("type").stringValue()).isEqualTo("urn:hub-bridge:problem:payload-too-large");
			assertThat(refused.get("detail").stringValue()).contains("65536 bytes", "bridge.hub.max-frame-size");
			post("{\"name\":\"robin\",\"body\":\"small\"}").isCreated().expectBody().returnResult();
			// the large shout never reached Hub: the next shout on the stream is the
			// small one
			JsonNode shout = JSON.readTree(stream.next("shout").data());
			assertThat(shout.get("body").stringValue()).isEqualTo("small");
			JsonNode room = JSON.readTree(this.http.get()
				.uri("/api/rooms/frames")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody());
			assertThat(room.get("reconnects").asInt()).isZero();
		}
	}

	private StatusAssertions post(String body) {
		return this.http.post()
			.uri("/api/rooms/frames/shouts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus();
	}

}
