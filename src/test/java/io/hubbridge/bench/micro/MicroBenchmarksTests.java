package io.hubbridge.bench.micro;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.hubbridge.phoenix.FrameDecodingBenchmark;
import io.hubbridge.phoenix.Message;
import io.hubbridge.room.presence.Joined;
import io.hubbridge.room.presence.Left;
import io.hubbridge.room.presence.PresenceChange;
import io.hubbridge.room.presence.TypingChanged;
import io.hubbridge.room.presence.User;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every microbenchmark method once, directly on its set-up state, and checks that it
 * measures what it claims, so that the benchmarks cannot rot between JMH runs.
 */
class MicroBenchmarksTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** JMH's guard against Blackholes made outside a benchmark; a test may. */
	private final Blackhole blackhole = new Blackhole(
			"Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

	@Test
	void frameDecodingBenchmarksDecodeHubsBroadcasts() {
		FrameDecodingBenchmark benchmark = new FrameDecodingBenchmark();
		benchmark.setUp();
		try {
			for (Message shout : List.of(benchmark.v1Shout(), benchmark.v2Shout(), benchmark.v2ShoutTextFrame(),
					benchmark.v2ShoutBinaryFrame())) {
				assertBroadcast(shout, "shout");
				assertThat(shout.payload().get("body").stringValue()).isEqualTo("hello");
			}
			for (Message diff : List.of(benchmark.v1PresenceDiff(), benchmark.v2PresenceDiff())) {
				assertBroadcast(diff, "presence_diff");
				assertThat(diff.payload().get("joins").get("robin2").get("metas").get(0).get("typing").booleanValue())
					.isTrue();
			}
			for (Message state : List.of(benchmark.v1PresenceState50(), benchmark.v2PresenceState50())) {
				assertBroadcast(state, "presence_state");
				assertThat(state.payload().propertyNames()).hasSize(50).contains("user-0000", "user-0049");
			}
		}
		finally {
			benchmark.tearDown();
		}
	}

	@Test
	void presenceBenchmarksDeriveTheirChangesAndLeaveTheStateAsTheyFoundIt() {
		PresenceMergeBenchmark benchmark = new PresenceMergeBenchmark();
		benchmark.setUp();
		List<User> users = benchmark.users();
		assertThat(users).hasSize(1_000)
			.startsWith(new User("user-0000", false, 1))
			.endsWith(new User("user-0999", false, 1));

		for (int run = 0; run < 2; run++) {
			assertThat(benchmark.typingDiff(this.blackhole)).containsExactly(new TypingChanged("user-0500", false));
			assertThat(benchmark.joinLeaveDiff(this.blackhole)).containsExactly(new Left("user-1000"));
			List<PresenceChange> batch = benchmark.batchDiff(this.blackhole);
			assertThat(batch).hasSize(100).contains(new Left("user-1049"), new Joined(new User("user-0000", false, 1)));
			List<PresenceChange> resync = benchmark.stateResync(this.blackhole);
			assertThat(resync).hasSize(20).contains(new Left("user-1009"), new Joined(new User("user-0009", false, 1)));
			assertThat(benchmark.users()).isEqualTo(users);
		}
	}

	@Test
	void sseBenchmarksEncodeWholeEvents() {
		SseFramesBenchmark benchmark = new SseFramesBenchmark();
		benchmark.setUp();

		String shout = new String(benchmark.shout(), StandardCharsets.UTF_8);
		assertThat(shout).startsWith("id: k3x9q1-4217\nevent: shout\ndata: {").endsWith("}\n\n");
		assertThat(data(shout).get("extra").get("extra_field").stringValue()).isEqualTo("x");

		String presence = new String(benchmark.presenceSnapshot100(), StandardCharsets.UTF_8);
		assertThat(presence).startsWith("id: k3x9q1-4217\nevent: presence\ndata: {").endsWith("}\n\n");
		JsonNode snapshot = data(presence);
		assertThat(snapshot.get("count").intValue()).isEqualTo(100);
		assertThat(snapshot.get("users")).hasSize(100);

		assertThat(JSON.readTree(benchmark.shoutJsonOnly())).isEqualTo(data(shout));
		assertThat(JSON.readTree(benchmark.presenceSnapshot100JsonOnly())).isEqualTo(snapshot);
	}

	private static void assertBroadcast(Message message, String event) {
		assertThat(message.event()).isEqualTo(event);
		assertThat(message.topic()).isEqualTo(HubFrames.TOPIC);
		assertThat(message.ref()).isNull();
		assertThat(message.joinRef()).isNull();
	}

	private static JsonNode data(String frame) {
		String line = frame.lines().filter((l) -> l.startsWith("data: ")).findFirst().orElseThrow();
		return JSON.readTree(line.substring("data: ".length()));
	}

}
