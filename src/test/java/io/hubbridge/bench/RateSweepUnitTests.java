package io.hubbridge.bench;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateSweepUnitTests {

	private static final Duration MAX_P99 = Duration.ofMillis(500);

	@Test
	void aRunWithNoLossAndP99WithinTheLimitPasses() {
		RateSweep.Step step = RateSweep.judge(BenchResultSamples.run("r1", 1000, 200, 500), MAX_P99);
		assertThat(step.passed()).isTrue();
		assertThat(step.reasons()).isEmpty();
		assertThat(step.rate()).isEqualTo(200);
		assertThat(step.run()).isEqualTo("r1");
	}

	@Test
	void aRunWithAP99AboveTheLimitFailsAndSaysWhy() {
		RateSweep.Step step = RateSweep.judge(BenchResultSamples.run("r1", 1000, 200, 500.5), MAX_P99);
		assertThat(step.passed()).isFalse();
		assertThat(step.reasons()).containsExactly("p99 500.5 ms > 500.0 ms");
	}

	@Test
	void lossDuplicatesLostStreamsRefusalsAndALaggingPublisherEachFailARun() {
		BenchResult passing = BenchResultSamples.run("r1", 1000, 200, 100);
		BenchResult.DeliveryCounts d = passing.deliveries();
		BenchResult failing = new BenchResult(passing.id(), passing.timestamp(), passing.sweep(), passing.machine(),
				passing.bridge(), passing.plan(), new BenchResult.Connect(998, 2, 900, 1, 2, 3),
				new BenchResult.DeliveryCounts(d.expected(), d.received() - 3, 3, 4, 0, 0, 0, d.perSecond(),
						d.offeredPerSecond(), 1, 1, 0),
				passing.latencyMs(), new BenchResult.Publisher(200, 5, 10, 40, 90, 150, null), passing.bridgeProcess(),
				passing.tool());
		RateSweep.Step step = RateSweep.judge(failing, MAX_P99);
		assertThat(step.passed()).isFalse();
		assertThat(step.reasons()).containsExactly("2 streams not connected", "3 lost", "4 duplicates",
				"2 streams failed or ended", "5 shouts refused", "publisher achieved 150.0/s");
	}

	@Test
	void theAnswerIsTheHighestRateThatPassed() {
		List<RateSweep.Step> steps = List.of(step(200, true), step(400, true), step(800, false));
		RateSweep sweep = RateSweep.of(1000, MAX_P99, steps);
		assertThat(sweep.highestPassingRate()).isEqualTo(400);
		assertThat(sweep.maxP99Ms()).isEqualTo(500);
		assertThat(sweep.text())
			.contains("highest rate with no loss and p99 <= 500 ms: 400 shouts/s (400,000 deliveries/s)")
			.contains("FAIL: p99 too high");
	}

	@Test
	void aSweepWhereNothingPassedHasNoAnswer() {
		RateSweep sweep = RateSweep.of(1000, MAX_P99, List.of(step(200, false)));
		assertThat(sweep.highestPassingRate()).isNull();
		assertThat(sweep.text()).contains("no rate of the sweep passed");
	}

	private static RateSweep.Step step(double rate, boolean passed) {
		return new RateSweep.Step(rate, "run-" + rate, 0, 0, passed ? 100 : 900, rate * 1000, passed,
				passed ? List.of() : List.of("p99 too high"));
	}

}
