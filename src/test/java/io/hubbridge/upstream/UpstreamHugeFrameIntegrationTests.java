package io.hubbridge.upstream;

import io.hubbridge.support.ScriptedUpstream;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large frames from Hub: one within {@code bridge.hub.max-frame-size} arrives whole; one
 * over it costs that connection (Netty cannot skip a frame it refuses to read), and the
 * room reconnects and carries on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.hub.max-frame-size=256KB" })
class UpstreamHugeFrameIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BIG_BODY = "b".repeat(200 * 1024);

	private static final ScriptedUpstream upstream = new ScriptedUpstream()
		.afterJoin(shout(BIG_BODY), shout("x".repeat(300 * 1024)))
		.thenAfterJoin(shout("after the reconnect"));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void scriptedHub(DynamicPropertyRegistry registry) {
		registry.add("bridge.hub.url", () -> upstream.socketUrl().toString());
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@Test
	void frameWithinTheLimitArrivesWholeAndOneOverItCostsOnlyItsConnection() {
		try (SseClient stream = SseClient.connect("http://localhost:" + this.port + "/api/rooms/huge/events")) {
			SseEvent big = stream.next("shout");
			assertThat(json(big.data()).get("body").stringValue()).isEqualTo(BIG_BODY);
			SseEvent lost = stream.next("upstream");
			assertThat(json(lost.data()).get("state").stringValue()).isEqualTo("reconnecting");
			assertThat(json(lost.data()).get("reason").stringValue()).contains("undecodable frame");
			SseEvent after = stream.next("shout");
			assertThat(json(after.data()).get("body").stringValue()).isEqualTo("after the reconnect");
		}
	}

	private static String shout(String body) {
		return "{\"event\":\"shout\",\"payload\":{\"body\":\"" + body
				+ "\",\"channel\":\"huge\",\"name\":\"hub\"},\"ref\":null,\"topic\":\"TOPIC\"}";
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
