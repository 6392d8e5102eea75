package io.hubbridge.api;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain streams are served by the route, without passing through Spring's web stack, and
 * are still counted for the per-client limit and the shutdown; what the route leaves to
 * Spring still gets its answer there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
@Import(SeenBySpring.class)
class EventStreamRouteIntegrationTests extends RunningBridge {

	@Autowired
	SeenBySpring seenBySpring;

	@Autowired
	StreamsPerClient streamsPerClient;

	@Autowired
	InFlightRequests inFlight;

	@BeforeEach
	void forget() {
		this.seenBySpring.paths.clear();
	}

	@Test
	void aPlainStreamIsServedWithoutSpringsWebStackAndCountedWhileOpen() {
		int openBefore = this.streamsPerClient.open();
		int inFlightBefore = this.inFlight.count();
		try (SseClient stream = joinedStream("routed")) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.headers().get("Content-Type")).isEqualTo("text/event-stream");
			assertThat(stream.headers().get("Cache-Control")).isEqualTo("no-cache");
			assertThat(stream.headers().get("X-Accel-Buffering")).isEqualTo("no");
			assertThat(stream.retry()).isNotNull();
			assertThat(this.streamsPerClient.open()).isEqualTo(openBefore + 1);
			assertThat(this.inFlight.count()).isEqualTo(inFlightBefore + 1);
		}
		assertThat(this.seenBySpring.paths).doesNotContain("/api/rooms/routed/events");
	}

	@Test
	void aStreamRequestTheRouteLeavesToSpringIsAnsweredThere() {
		this.http.get()
			.uri("/api/rooms/left/events?types=nonsense")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("types");
		this.http.get()
			.uri("/api/rooms/left/events")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isEqualTo(406)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:not-acceptable");
		assertThat(this.seenBySpring.paths).contains("/api/rooms/left/events");
	}

	@Test
	void anHttp10StreamIsLeftToSpringSinceTheRouteWritesAChunkedBody() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write("GET /api/rooms/old/events HTTP/1.0\r\nAccept: text/event-stream\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			Awaitility.await().until(() -> this.seenBySpring.paths.contains("/api/rooms/old/events"));
		}
	}

}
