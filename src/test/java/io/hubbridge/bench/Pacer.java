package io.hubbridge.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;

/**
 * Sends at a steady rate without drift: tick {@code k} is due at
 * {@code start + k / rate}, computed from the start each time rather than added up. A
 * tick that finds the sender behind goes out at once and counts as publisher lag (more
 * than {@link #TOLERANCE_NANOS} late).
 */
final class Pacer {

	/** Lateness below this is the scheduler's granularity, not lag. */
	static final long TOLERANCE_NANOS = 1_000_000;

	private final double rate;

	private final LongSupplier clock;

	private final LongConsumer sleeper;

	private final Histogram lateness = new Histogram(3_600_000_000L, 3);

	private long behind;

	private long startNanos;

	private long firstTickNanos;

	private long lastTickNanos;

	Pacer(double rate) {
		this(rate, BenchClock::now, LockSupport::parkNanos);
	}

	Pacer(double rate, LongSupplier clock, LongConsumer sleeper) {
		this.rate = rate;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/** When tick {@code k} is due, in ns after the start. */
	long dueOffset(long k) {
		return Math.round(k * 1e9 / this.rate);
	}

	/** Runs {@code tick} for {@code 0 … ticks - 1}, each when due; returns when done. */
	void run(int ticks, Tick tick) {
		this.startNanos = this.clock.getAsLong();
		for (int k = 0; k < ticks; k++) {
			long due = this.startNanos + dueOffset(k);
			long now = this.clock.getAsLong();
			while (now < due) {
				this.sleeper.accept(due - now);
				now = this.clock.getAsLong();
			}
			long late = now - due;
			this.lateness.recordValue(Math.min(late / 1000, this.lateness.getHighestTrackableValue()));
			if (late > TOLERANCE_NANOS) {
				this.behind++;
			}
			if (k == 0) {
				this.firstTickNanos = now;
			}
			this.lastTickNanos = now;
			tick.run(k, now);
		}
	}

	/** Ticks that went out more than {@link #TOLERANCE_NANOS} late. */
	long behind() {
		return this.behind;
	}

	/** How late ticks went out, in µs. */
	Histogram lateness() {
		return this.lateness;
	}

	long startNanos() {
		return this.startNanos;
	}

	/** The rate achieved: ticks per second from the first tick to the last. */
	double achievedRate() {
		long ticks = this.lateness.getTotalCount();
		long span = this.lastTickNanos - this.firstTickNanos;
		return (ticks < 2 || span <= 0) ? this.rate : (ticks - 1) * 1e9 / span;
	}

	/** One tick. */
	@FunctionalInterface
	interface Tick {

		/**
		 * @param k the tick's number
		 * @param nowNanos when it went out, on the pacer's clock
		 */
		void run(int k, long nowNanos);

	}

}
