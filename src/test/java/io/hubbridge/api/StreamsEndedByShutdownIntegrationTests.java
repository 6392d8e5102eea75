package io.hubbridge.api;

import java.time.Duration;

import io.hubbridge.room.RoomRegistry;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams that the shutdown ends no longer count for their client. The bridge is left
 * shutting down, in a context of its own (its properties are used by no other test), and
 * not closed here: a context closed mid-suite may dispose Reactor Netty's shared event
 * loops and connection pool under the others.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.limits.max-streams-per-client=3" })
class StreamsEndedByShutdownIntegrationTests extends RunningBridge {

	@Autowired
	StreamsPerClient streams;

	@Autowired
	RoomRegistry rooms;

	@Test
	void streamsEndedByTheShutdownNoLongerCount() {
		try (SseClient first = joinedStream("closing-down"); SseClient second = joinedStream("closing-down-too")) {
			assertThat(this.streams.open()).isEqualTo(2);
			this.rooms.shutdown(Duration.ofSeconds(1));
			assertThat(first.next("shutdown").event()).isEqualTo("shutdown");
			assertThat(second.next("shutdown").event()).isEqualTo("shutdown");
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.streams.open() == 0);
		}
	}

}
