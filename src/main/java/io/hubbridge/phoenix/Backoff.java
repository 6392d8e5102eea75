package io.hubbridge.phoenix;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A retry schedule as the Phoenix JS client has them: one delay per attempt, then the
 * last delay forever, each spread by up to {@code ±jitter} so that many clients cut off
 * at once do not come back at once.
 *
 * @param delays the delays of attempts 1, 2, ...; the last one repeats
 * @param jitter the largest fraction by which a delay is made shorter or longer, between
 * 0 and 1
 */
public record Backoff(List<Duration> delays, double jitter) {

	/** The share of jitter of the built-in schedules: each delay varies by up to ±25%. */
	public static final double DEFAULT_JITTER = 0.25;

	/**
	 * Reconnect after a socket close: 10, 50, 100, 150, 200, 250, 500, 1000, 2000 ms,
	 * then 5 s.
	 */
	public static final Backoff RECONNECT = ofMillis(10, 50, 100, 150, 200, 250, 500, 1000, 2000, 5000);

	/** Rejoin after a channel error or join timeout: 1, 2, 5 s, then 10 s. */
	public static final Backoff REJOIN = ofMillis(1000, 2000, 5000, 10000);

	public Backoff {
		if (delays.isEmpty()) {
			throw new IllegalArgumentException("a backoff needs at least one delay");
		}
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
		}
		delays = List.copyOf(delays);
	}

	private static Backoff ofMillis(long... millis) {
		return new Backoff(Arrays.stream(millis).mapToObj(Duration::ofMillis).toList(), DEFAULT_JITTER);
	}

	/** The delay before the given attempt (1 for the first retry), without jitter. */
	public Duration baseDelay(int attempt) {
		if (attempt < 1) {
			throw new IllegalArgumentException("attempts count from 1, was " + attempt);
		}
		return this.delays.get(Math.min(attempt, this.delays.size()) - 1);
	}

	/**
	 * The delay before the given attempt (1 for the first retry): the base delay times a
	 * factor drawn uniformly from {@code [1 - jitter, 1 + jitter)}.
	 * @param attempt the attempt, from 1
	 * @param jitterSource where the randomness comes from
	 */
	public Duration delay(int attempt, RandomGenerator jitterSource) {
		Duration base = baseDelay(attempt);
		double factor = 1 + this.jitter * (2 * jitterSource.nextDouble() - 1);
		return Duration.ofNanos(Math.round(base.toNanos() * factor));
	}

}
