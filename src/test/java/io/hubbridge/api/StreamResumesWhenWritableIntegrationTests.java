package io.hubbridge.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.RoomSession;
import io.hubbridge.support.RawSseSocket;
import io.hubbridge.support.SseParser;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that pauses: far more than its connection's buffers hold waits in its
 * queue while it does not read, and is written, all of it and in order, as soon as it
 * reads again, with no event coming meanwhile to set things moving: the connection's
 * writability resumes the stream.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.sse.keep-alive=10m", "bridge.rooms.recent-shouts=1",
				"bridge.limits.shouts.rate=100000", "bridge.limits.shouts.burst=100000" })
class StreamResumesWhenWritableIntegrationTests {

	private static final String ROOM = "pausing";

	private static final int BODY_SIZE = 32 * 1024;

	/**
	 * 6.4 MB: more than a socket that reads nothing and the bridge's side ever buffer.
	 */
	private static final int SHOUTS = 200;

	@LocalServerPort
	int port;

	@Autowired
	RoomRegistry rooms;

	@Test
	void aSubscriberThatPausesGetsEverythingThatWaitedInOrderOnceItReadsAgain() throws Exception {
		WebClient http = WebClient.builder().baseUrl("http://localhost:" + this.port).build();
		try (RawSseSocket paused = RawSseSocket.open(this.port, "/api/rooms/" + ROOM + "/events")) {
			Awaitility.await().until(() -> subscribers() == 1);
			for (int i = 0; i < SHOUTS; i++) {
				post(http, i);
			}
			assertThat(subscribers()).as("still subscribed: its queue holds what the connection does not").isEqualTo(1);
			RawSseSocket.Received received = paused.readUntil((body) -> occurrences(body, "event: shout\n") == SHOUTS,
					Duration.ofSeconds(30));
			assertThat(received.status()).isEqualTo(200);
			assertThat(received.ending()).isEqualTo(RawSseSocket.Ending.ENOUGH);
			assertThat(shouts(received.body())).containsExactlyElementsOf(IntStream.range(0, SHOUTS).boxed().toList());
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

	private static List<Integer> shouts(String body) {
		return new SseParser().feed(body).stream().filter((event) -> event.event().equals("shout")).map((shout) -> {
			int start = shout.data().indexOf("\"body\":\"") + 8;
			return Integer.parseInt(shout.data().substring(start, start + 6));
		}).toList();
	}

	private static void post(WebClient http, int sequence) {
		String body = String.format(Locale.ROOT, "%06d ", sequence) + "x".repeat(BODY_SIZE - 7);
		JsonNode receipt = http.post()
			.uri("/api/rooms/{room}/shouts", ROOM)
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "pause-" + sequence)
			.bodyValue("{\"name\":\"robin\",\"body\":\"" + body + "\"}")
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(30));
		assertThat(receipt.get("status").stringValue()).isEqualTo("confirmed");
	}

	private int subscribers() {
		return this.rooms.find(ROOM).map(RoomSession::subscriberCount).orElse(0);
	}

}
