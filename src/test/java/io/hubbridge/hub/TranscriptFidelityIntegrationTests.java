package io.hubbridge.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every captured scenario of a real Hub (Phoenix 1.4.2 running Hub's channel
 * code) against the embedded Hub and checks that each connection receives the same
 * frames, in the same order, with the same close codes.
 */
class TranscriptFidelityIntegrationTests {

	/** Scenario g is about Hub's 45 s idle timeout: it runs 20 times faster. */
	private static final double IDLE_SCENARIO_SCALE = 1.0 / 20;

	private EmbeddedHub hub;

	@AfterEach
	void stopHub() {
		if (this.hub != null) {
			this.hub.kill();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "a_v1_join.txt", "b_v2_join.txt", "c_second_join.txt", "d_typing.txt", "e_shout.txt",
			"f_heartbeat.txt", "h_bad_joins.txt", "i_malformed.txt", "j_same_username.txt", "k_leave.txt",
			"l_double_join.txt", "m_restart.txt", "n_hostile_sizes.txt", "o_check_origin.txt" })
	void embeddedHubSendsWhatHubSent(String scenario) {
		replay(scenario, Duration.ofSeconds(45), null);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = "g_idle_timeout.txt")
	void embeddedHubClosesIdleSocketsAsHubDoes(String scenario) {
		replay(scenario, Duration.ofMillis((long) (45_000 * IDLE_SCENARIO_SCALE)), IDLE_SCENARIO_SCALE);
	}

	private void replay(String scenario, Duration idleTimeout, Double timeScale) {
		Transcript transcript = Transcript.parse(scenario, inServerOrder(scenario, lines(scenario)));
		assertThat(transcript.steps()).isNotEmpty();
		this.hub = new EmbeddedHub("127.0.0.1", 0, idleTimeout);
		this.hub.start();
		new TranscriptReplay(transcript, this.hub, timeScale).run();
	}

	/**
	 * In m (SIGKILL part), Hub handled robin2's join before robin's although robin sent
	 * first (1 ms apart, on different connections): replay robin's join once robin2's has
	 * been handled, so the embedded Hub sees them in the order Hub did.
	 */
	private static List<String> inServerOrder(String scenario, List<String> lines) {
		if (!scenario.startsWith("m_")) {
			return lines;
		}
		List<String> reordered = new ArrayList<>(lines);
		int kill = indexOf(reordered, 0, (line) -> line.contains("===== stop with SIGKILL ====="));
		int join = indexOf(reordered, kill, (line) -> line.contains("[robin/v1] >> TEXT") && line.contains("phx_join"));
		String robinJoin = reordered.remove(join);
		int robin2Joined = indexOf(reordered, join, (line) -> line.contains("[robin2/v2] << TEXT")
				&& line.contains("presence_diff") && line.contains("\"robin2\""));
		reordered.add(robin2Joined + 1, robinJoin);
		return reordered;
	}

	private static int indexOf(List<String> lines, int from, Predicate<String> condition) {
		for (int i = from; i < lines.size(); i++) {
			if (condition.test(lines.get(i))) {
				return i;
			}
		}
		throw new IllegalStateException("line not found");
	}

	private static List<String> lines(String scenario) {
		try (InputStream in = TranscriptFidelityIntegrationTests.class
			.getResourceAsStream("/protocol/transcripts/" + scenario)) {
			assertThat(in).as("transcript %s on the classpath", scenario).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
