package io.hubbridge.api;

import java.util.ArrayList;
import java.util.List;

import io.hubbridge.support.HubUser;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of shouts fanned out over real sockets to many streams at once: each stream is
 * drained in batches on its own connection's event loop while the room keeps adding, and
 * every stream must still get every shout exactly once, in order. (The races of the
 * hand-over itself are driven harder in {@code SubscriberUnitTests}.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.rooms.subscriber-queue=4096" })
class FanOutBurstIntegrationTests extends RunningBridge {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int STREAMS = 24;

	private static final int SHOUTS = 600;

	@Test
	void everyStreamGetsEveryShoutOfABurstOnceAndInOrder() {
		List<SseClient> streams = new ArrayList<>();
		try (HubUser shouter = HubUser.join(hubUrl(), "burst", "shouter")) {
			for (int i = 0; i < STREAMS; i++) {
				streams.add(joinedStream("burst"));
			}
			for (int i = 0; i < SHOUTS; i++) {
				shouter.shout("shouter", "s" + i);
			}
			for (SseClient stream : streams) {
				for (int i = 0; i < SHOUTS; i++) {
					SseEvent shout = stream.next("shout");
					assertThat(JSON.readTree(shout.data()).get("body").stringValue()).isEqualTo("s" + i);
				}
			}
		}
		finally {
			streams.forEach(SseClient::close);
		}
	}

}
