package io.hubbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchModesUnitTests {

	@Test
	void sweepRatesAreReadInAscendingOrder() {
		assertThat(BenchSettings.rates("800, 200,400,1600")).containsExactly(200.0, 400.0, 800.0, 1600.0);
		assertThat(BenchSettings.rates(" ")).isEmpty();
	}

	@Test
	void aRunOfTheSweepKeepsThePlansDurationAtItsRate() {
		BenchSettings settings = settings(20, 200, List.of(200.0, 400.0), "fanout");
		BenchSettings faster = settings.withRate(400);
		assertThat(faster.rate()).isEqualTo(400);
		assertThat(faster.shouts()).isEqualTo(4000);
		assertThat(faster.publishing()).isEqualTo(settings.publishing());
		assertThat(faster.rateSweep()).isEmpty();
		assertThat(settings.withSubscribe("websocket").subscribe()).isEqualTo("websocket");
	}

	@Test
	void aRateSweepIsOneSubscriberCountInFanoutModeAndModesAreKnown() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(20, 200, List.of(200.0), "compare"))
			.withMessageContaining("bench.rate-sweep");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(20, 200, List.of(), "idle"))
			.withMessageContaining("bench.mode");
	}

	@Test
	void theBridgesHeartbeatSettingsAreReadFromItsArgumentsOrDefaulted() {
		String args = "--bridge.rooms.subscriber-queue=1024 --bridge.hub.heartbeat-interval=2s";
		assertThat(IdleRoomsRun.argument(args, "bridge.hub.heartbeat-interval", Duration.ofSeconds(30)))
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(IdleRoomsRun.argument(args, "bridge.embedded-hub.idle-timeout", Duration.ofSeconds(45)))
			.isEqualTo(Duration.ofSeconds(45));
		assertThat(IdleRoomsRun.argument("", "bridge.hub.heartbeat-interval", Duration.ofSeconds(30)))
			.isEqualTo(Duration.ofSeconds(30));
	}

	private static BenchSettings settings(double rate, int shouts, List<Double> rateSweep, String mode) {
		return new BenchSettings(1000, List.of(), 1, rate, shouts, "hub", 0, null, null, null, "-Xmx512m", "", null,
				500, Duration.ofSeconds(120), Duration.ofSeconds(10), 2, Path.of("target/bench"), false, mode, "sse",
				Duration.ofSeconds(60), null, rateSweep, Duration.ofMillis(500), Duration.ZERO);
	}

}
