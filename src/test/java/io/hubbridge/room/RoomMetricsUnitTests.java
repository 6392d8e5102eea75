package io.hubbridge.room;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One room's meters: what they read, and that closing the room removes them. */
class RoomMetricsUnitTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void stateGaugeIsOneForTheCurrentStateOnly() {
		RoomMetrics metrics = new RoomMetrics(this.registry, "lobby");
		assertThat(state("connecting")).isEqualTo(1);
		metrics.state(UpstreamState.JOINED);
		assertThat(state("joined")).isEqualTo(1);
		assertThat(state("connecting") + state("reconnecting") + state("failed")).isZero();
	}

	@Test
	void failuresAreCountedByCauseFromZero() {
		RoomMetrics metrics = new RoomMetrics(this.registry, "lobby");
		metrics.failed(UpstreamFailure.Cause.HEARTBEAT);
		metrics.failed(UpstreamFailure.Cause.HEARTBEAT);
		metrics.reconnected();
		metrics.malformedPayload();
		assertThat(this.registry.get(RoomMetrics.FAILURES).tag("cause", "heartbeat").counter().count()).isEqualTo(2);
		assertThat(this.registry.get(RoomMetrics.FAILURES).tag("cause", "join-refused").counter().count()).isZero();
		assertThat(this.registry.get(RoomMetrics.FAILURES).counters()).hasSize(UpstreamFailure.Cause.values().length);
		assertThat(this.registry.get(RoomMetrics.RECONNECTS).counter().count()).isEqualTo(1);
		assertThat(this.registry.get(RoomMetrics.MALFORMED).functionCounter().count()).isEqualTo(1);
	}

	@Test
	void closingRemovesEveryMeterOfTheRoomAndOnlyThose() {
		RoomMetrics lobby = new RoomMetrics(this.registry, "lobby");
		new RoomMetrics(this.registry, "other");
		lobby.close();
		assertThat(this.registry.getMeters()).isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getTag("room")).isEqualTo("other"));
		RoomMetrics reopened = new RoomMetrics(this.registry, "lobby");
		reopened.state(UpstreamState.FAILED);
		assertThat(state("failed")).as("a reopened room reads its new session").isEqualTo(1);
	}

	private double state(String state) {
		return this.registry.get(RoomMetrics.STATE).tag("room", "lobby").tag("state", state).gauge().value();
	}

}
