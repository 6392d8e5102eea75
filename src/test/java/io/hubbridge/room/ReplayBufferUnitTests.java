package io.hubbridge.room;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayBufferUnitTests {

	private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

	@Test
	void returnsExactlyTheEventsAfterTheGivenOne() {
		ReplayBuffer buffer = filled(10, 5, Duration.ofMinutes(5));
		assertThat(buffer.after(2, 5, T0)).hasValueSatisfying(
				(events) -> assertThat(events).extracting((e) -> e.id().seq()).containsExactly(3L, 4L, 5L));
	}

	@Test
	void nothingMissedIsAnEmptyReplay() {
		assertThat(filled(10, 5, Duration.ofMinutes(5)).after(5, 5, T0))
			.hasValueSatisfying((events) -> assertThat(events).isEmpty());
	}

	@Test
	void historyBeyondTheCapacityIsLost() {
		ReplayBuffer buffer = filled(3, 10, Duration.ofMinutes(5));
		assertThat(buffer.after(6, 10, T0)).isEmpty();
		assertThat(buffer.after(7, 10, T0)).hasValueSatisfying((events) -> assertThat(events).hasSize(3));
	}

	@Test
	void historyOlderThanTheMaximumAgeIsLost() {
		ReplayBuffer buffer = filled(10, 5, Duration.ofSeconds(30));
		assertThat(buffer.after(1, 5, T0.plusSeconds(29))).isPresent();
		assertThat(buffer.after(1, 5, T0.plusSeconds(33))).isEmpty();
	}

	@Test
	void anIdFromTheFutureIsRefused() {
		assertThat(filled(10, 5, Duration.ofMinutes(5)).after(9, 5, T0)).isEmpty();
	}

	private static ReplayBuffer filled(int capacity, int events, Duration maxAge) {
		ReplayBuffer buffer = new ReplayBuffer(capacity, maxAge);
		for (int seq = 1; seq <= events; seq++) {
			buffer.add(new RoomEvent(new EventId("e", seq), EventType.SHOUT, T0.plusSeconds(seq), new byte[0]));
		}
		return buffer;
	}

}
