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
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that fell behind and then takes nothing at all, not even its final
 * comment: after a keep-alive period its connection is closed, so that nothing of it
 * stays in the bridge.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.rooms.subscriber-queue=8", "bridge.rooms.replay-events=16",
				"bridge.rooms.recent-shouts=1", "bridge.sse.keep-alive=1s",
				// one client posts as fast as it can
				"bridge.limits.shouts.rate=100000", "bridge.limits.shouts.burst=100000" })
@ExtendWith(OutputCaptureExtension.class)
class StuckSubscriberIntegrationTests {

	private static final int BODY_SIZE = 64 * 1024;

	private static final String ROOM = "stuck";

	@LocalServerPort
	int port;

	@Autowired
	RoomRegistry rooms;

	@Test
	void subscriberThatFellBehindAndTakesNothingMoreHasItsConnectionClosedAfterAKeepAlivePeriod(CapturedOutput output)
			throws Exception {
		WebClient http = WebClient.builder().baseUrl("http://localhost:" + this.port).build();
		try (RawSseSocket stuck = RawSseSocket.open(this.port, "/api/rooms/" + ROOM + "/events")) {
			Awaitility.await().until(() -> subscribers() == 1);
			int posted = 0;
			while (subscribers() > 0) {
				assertThat(posted).as("shouts posted without the subscriber being dropped").isLessThan(2000);
				post(http, posted++);
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> output.getOut()
					.contains("[" + ROOM + "] closed the connection of a subscriber that fell behind"));
			RawSseSocket.Received received = stuck.readToEnd(Duration.ofSeconds(30));
			assertThat(received.ending()).isIn(RawSseSocket.Ending.EOF, RawSseSocket.Ending.RESET);
			SseParser parser = new SseParser();
			List<Integer> shouts = parser.feed(received.body())
				.stream()
				.filter((event) -> event.event().equals("shout"))
				.map((event) -> sequence(event.data()))
				.toList();
			assertThat(shouts).containsExactlyElementsOf(IntStream.range(0, shouts.size()).boxed().toList());
			assertThat(shouts.size()).isLessThan(posted);
			assertThat(parser.comments()).as("the final comment could never be written")
				.noneMatch((comment) -> comment.startsWith("too slow"));
		}
	}

	private void post(WebClient http, int sequence) {
		String body = String.format(Locale.ROOT, "%06d ", sequence) + "x".repeat(BODY_SIZE - 7);
		JsonNode receipt = http.post()
			.uri("/api/rooms/{room}/shouts", ROOM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"" + body + "\"}")
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(10));
		assertThat(receipt.get("status").stringValue()).as("shout %d", sequence).isEqualTo("confirmed");
	}

	private int subscribers() {
		return this.rooms.find(ROOM).map(RoomSession::subscriberCount).orElse(0);
	}

	private static int sequence(String data) {
		int body = data.indexOf("\"body\":\"") + 8;
		return Integer.parseInt(data.substring(body, body + 6));
	}

}
