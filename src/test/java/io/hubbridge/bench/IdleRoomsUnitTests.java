package io.hubbridge.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdleRoomsUnitTests {

	@Test
	void theTargetIsMetBelowFivePercentWithTheSessionsProvenAlive() {
		IdleRoomsResult result = result(1.2, true, 0);
		assertThat(IdleRoomsRun.verdict(result)).isEqualTo("met");
		assertThat(IdleRoomsRun.text(result)).contains("1.20% of one core while idle")
			.contains("target < 5%: met")
			.contains("of which 0.50% the bridge idle without the rooms (baseline window), 0.70% the rooms")
			.contains("sessions kept alive");
	}

	@Test
	void aWindowShorterThanHubsIdleTimeoutCannotProveTheHeartbeats() {
		IdleRoomsResult result = result(1.2, false, 0);
		assertThat(IdleRoomsRun.verdict(result)).startsWith("CPU below, heartbeats not proven");
		assertThat(IdleRoomsRun.text(result)).contains("not proven (window shorter than Hub's idle timeout)");
	}

	@Test
	void lostSessionsOrTooMuchCpuMissTheTarget() {
		assertThat(IdleRoomsRun.verdict(result(1.2, false, 3))).isEqualTo("NOT met");
		assertThat(IdleRoomsRun.text(result(1.2, false, 3))).contains("SESSIONS LOST");
		assertThat(IdleRoomsRun.verdict(result(7.5, false, 0))).isEqualTo("NOT met");
	}

	private static IdleRoomsResult result(double corePercent, boolean proven, long upstreamChanges) {
		BenchResult sample = BenchResultSamples.run("s", 1000, 1, 1);
		boolean within = corePercent < IdleRoomsResult.TARGET_CORE_PERCENT && proven;
		return new IdleRoomsResult("idle-1", "2026-11-28T05:00:00Z", sample.machine(), sample.bridge(), 1000,
				new BenchResult.Connect(1000, 0, 9000, 10, 20, 30),
				new IdleRoomsResult.Idle(60_000, corePercent * 600, corePercent, 0.5, corePercent - 0.5,
						(corePercent - 0.5) * 10, within),
				new IdleRoomsResult.Heartbeats(30_000, 45_000, 2, 1001, 0, 0, upstreamChanges, 0, proven),
				new IdleRoomsResult.Memory(300.0, 340.0, 341.0, 40.96, 20.0, 30.0, 10.24), 1.0, 50.0);
	}

}
