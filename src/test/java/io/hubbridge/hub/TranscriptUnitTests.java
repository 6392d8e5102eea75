package io.hubbridge.hub;

import java.util.List;

import io.hubbridge.hub.Transcript.Action;
import io.hubbridge.hub.Transcript.Connect;
import io.hubbridge.hub.Transcript.ElidedTextFrame;
import io.hubbridge.hub.Transcript.Expect;
import io.hubbridge.hub.Transcript.HttpCheck;
import io.hubbridge.hub.Transcript.HubAction;
import io.hubbridge.hub.Transcript.Send;
import io.hubbridge.hub.Transcript.Step;
import io.hubbridge.hub.Transcript.TextFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The transcript reader, checked against what the transcripts are known to hold. */
class TranscriptUnitTests {

	@Test
	void elidedFramesAreRebuiltToTheirCapturedSizeAndHash() {
		Transcript transcript = Transcript.load("n_hostile_sizes.txt");
		List<Send> sends = transcript.steps().stream().filter(Send.class::isInstance).map(Send.class::cast).toList();
		assertThat(sends).anySatisfy((send) -> assertThat(send.data()).hasSize(8_388_650));
		assertThat(sends).anySatisfy((send) -> assertThat(send.data()).hasSize(1_048_652));
		assertThat(sends).anySatisfy((send) -> assertThat(send.data()).hasSize(20_070));
		List<Expect> expects = expectations(transcript.steps());
		assertThat(expects).anySatisfy((expect) -> assertThat(expect.expected()).isInstanceOfSatisfying(TextFrame.class,
				(frame) -> assertThat(frame.text()).hasSize(8_388_679)));
		// the 10,000-character user's presence diffs hide a phx_ref in the elided part
		assertThat(expects).filteredOn((expect) -> expect.expected() instanceof ElidedTextFrame).hasSize(3);
	}

	@Test
	void stopKillAndRestartsAreReadFromTheNotes() {
		Transcript transcript = Transcript.load("m_restart.txt");
		assertThat(transcript.steps()).filteredOn(HubAction.class::isInstance)
			.extracting((step) -> ((HubAction) step).action())
			.containsExactly(Action.STOP, Action.START, Action.KILL, Action.START);
		assertThat(transcript.steps()).filteredOn(Transcript.ConnectRefused.class::isInstance).hasSize(2);
	}

	@Test
	void refusedHandshakesAndPlainRequestsAreChecked() {
		Transcript transcript = Transcript.load("b_v2_join.txt");
		assertThat(transcript.steps()).filteredOn(Connect.class::isInstance)
			.extracting((step) -> ((Connect) step).status())
			.containsExactly(101, 101, 101, 101, 101, 403, 403);
		assertThat(transcript.steps()).filteredOn(HttpCheck.class::isInstance)
			.extracting((step) -> ((HttpCheck) step).status())
			.containsExactly(426, 404);
	}

	@Test
	void protocolViolationsAClientCannotSendAreLeftOut() {
		Transcript transcript = Transcript.load("i_malformed.txt");
		assertThat(transcript.steps()).filteredOn(Connect.class::isInstance)
			.extracting((step) -> ((Connect) step).connection())
			.doesNotContain("x17/v2", "x18/v2")
			.contains("x16/v2");
	}

	@Test
	void originChecksOfHubsProductionSettingsAreLeftOut() {
		Transcript transcript = Transcript.load("o_check_origin.txt");
		assertThat(transcript.steps()).filteredOn(Connect.class::isInstance)
			.extracting((step) -> ((Connect) step).headers().get("Origin"))
			.containsExactly(null, "http://localhost:4000", "http://127.0.0.1:4000", "https://evil.example.com");
	}

	private static List<Expect> expectations(List<Step> steps) {
		return steps.stream().filter(Expect.class::isInstance).map(Expect.class::cast).toList();
	}

}
