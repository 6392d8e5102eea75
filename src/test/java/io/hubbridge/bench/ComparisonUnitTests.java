package io.hubbridge.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonUnitTests {

	@Test
	void whatTheBridgeAddsIsItsLatencyMinusTheBaselinesAtEachPercentile() {
		BenchResult websocket = BenchResultSamples.run("ws", 1000, 50, 20);
		BenchResult sse = BenchResultSamples.run("sse", 1000, 50, 24);
		Comparison comparison = Comparison.of(websocket, sse);
		assertThat(comparison.websocketRun()).isEqualTo("ws");
		assertThat(comparison.sseRun()).isEqualTo("sse");
		// samples: p50 = p99 / 4, p99.9 = p99 × 1.5
		assertThat(comparison.addedP50Ms()).isEqualTo(1.0);
		assertThat(comparison.addedP99Ms()).isEqualTo(4.0);
		assertThat(comparison.addedP999Ms()).isEqualTo(6.0);
		assertThat(comparison.bothComplete()).isTrue();
		assertThat(comparison.withinTarget()).isTrue();
		assertThat(comparison.text()).contains("added by the bridge").contains(": met");
	}

	@Test
	void moreThanFiveMillisecondsAddedAtP99MissesTheTarget() {
		Comparison comparison = Comparison.of(BenchResultSamples.run("ws", 1000, 50, 20),
				BenchResultSamples.run("sse", 1000, 50, 25.5));
		assertThat(comparison.addedP99Ms()).isEqualTo(5.5);
		assertThat(comparison.withinTarget()).isFalse();
		assertThat(comparison.text()).contains("NOT met");
	}

	@Test
	void aRunThatLostDeliveriesCannotMeetTheTarget() {
		BenchResult passing = BenchResultSamples.run("sse", 1000, 50, 20);
		BenchResult.DeliveryCounts d = passing.deliveries();
		BenchResult lossy = new BenchResult(passing.id(), passing.timestamp(), passing.sweep(), passing.machine(),
				passing.bridge(), passing.plan(), passing.connect(),
				new BenchResult.DeliveryCounts(d.expected(), d.received() - 1, 1, 0, 0, 0, 0, d.perSecond(),
						d.offeredPerSecond(), 0, 0, 0),
				passing.latencyMs(), passing.publisher(), passing.bridgeProcess(), passing.tool());
		Comparison comparison = Comparison.of(BenchResultSamples.run("ws", 1000, 50, 20), lossy);
		assertThat(comparison.addedP99Ms()).isZero();
		assertThat(comparison.bothComplete()).isFalse();
		assertThat(comparison.withinTarget()).isFalse();
		assertThat(comparison.text()).contains("NOT met (incomplete run)");
	}

}
