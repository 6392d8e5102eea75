package io.hubbridge.phoenix;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The reconnect and rejoin schedules of {@link Backoff}. */
class BackoffUnitTests {

	private static final RandomGenerator middle = fixed(0.5);

	private static final RandomGenerator lowest = fixed(0.0);

	private static final RandomGenerator highest = fixed(Math.nextDown(1.0));

	@Test
	void reconnectFollowsThePhoenixScheduleThenStaysAtFiveSeconds() {
		List<Long> millis = IntStream.rangeClosed(1, 12)
			.mapToObj((attempt) -> Backoff.RECONNECT.delay(attempt, middle).toMillis())
			.toList();
		assertThat(millis).containsExactly(10L, 50L, 100L, 150L, 200L, 250L, 500L, 1000L, 2000L, 5000L, 5000L, 5000L);
		assertThat(Backoff.RECONNECT.baseDelay(1_000_000)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void rejoinFollowsThePhoenixScheduleThenStaysAtTenSeconds() {
		List<Long> millis = IntStream.rangeClosed(1, 6)
			.mapToObj((attempt) -> Backoff.REJOIN.delay(attempt, middle).toMillis())
			.toList();
		assertThat(millis).containsExactly(1000L, 2000L, 5000L, 10000L, 10000L, 10000L);
	}

	@Test
	void jitterStaysWithinAQuarterEitherWay() {
		assertThat(Backoff.REJOIN.delay(1, lowest)).isEqualTo(Duration.ofMillis(750));
		assertThat(Backoff.REJOIN.delay(1, highest)).isBetween(Duration.ofMillis(1249), Duration.ofMillis(1250));
		RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
		for (int i = 0; i < 1000; i++) {
			Duration delay = Backoff.RECONNECT.delay(10, random);
			assertThat(delay).isBetween(Duration.ofMillis(3750), Duration.ofMillis(6250));
		}
	}

	@Test
	void jitterSpreadsDelays() {
		RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
		long distinct = IntStream.range(0, 100).mapToObj((i) -> Backoff.RECONNECT.delay(5, random)).distinct().count();
		assertThat(distinct).isGreaterThan(50);
	}

	@Test
	void customScheduleWithoutJitterIsExact() {
		Backoff backoff = new Backoff(List.of(Duration.ofMillis(1), Duration.ofMillis(2)), 0);
		assertThat(backoff.delay(1, lowest)).isEqualTo(Duration.ofMillis(1));
		assertThat(backoff.delay(3, highest)).isEqualTo(Duration.ofMillis(2));
	}

	@Test
	void attemptsCountFromOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.RECONNECT.delay(0, middle));
	}

	@Test
	void refusesAnEmptyScheduleOrJitterOutsideZeroToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(List.of(), 0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(List.of(Duration.ofMillis(1)), 1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(List.of(Duration.ofMillis(1)), -0.1));
	}

	private static RandomGenerator fixed(double value) {
		return new RandomGenerator() {

			@Override
			public long nextLong() {
				throw new UnsupportedOperationException();
			}

			@Override
			public double nextDouble() {
				return value;
			}

		};
	}

}
