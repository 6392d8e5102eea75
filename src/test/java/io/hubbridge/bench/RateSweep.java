package io.hubbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The highest-rate search ({@code bench.rate-sweep}): one run per rate, lowest first, at
 * one subscriber count, up to the first rate that fails; the answer is the highest rate
 * that passed: no loss, no duplicate, every stream connected and kept, every shout sent
 * on time, p99 within {@code bench.max-p99}.
 *
 * @param subscribers the subscriber count of every run
 * @param maxP99Ms the p99 a run may have and pass
 * @param steps the runs, in order
 * @param highestPassingRate the highest rate that passed; null if none did
 */
record RateSweep(int subscribers, double maxP99Ms, List<Step> steps, @Nullable Double highestPassingRate) {

	/** A run's publisher must achieve this share of the planned rate. */
	static final double MIN_ACHIEVED = 0.95;

	static RateSweep of(int subscribers, Duration maxP99, List<Step> steps) {
		Double highest = null;
		for (Step step : steps) {
			if (step.passed() && (highest == null || step.rate() > highest)) {
				highest = step.rate();
			}
		}
		return new RateSweep(subscribers, maxP99.toNanos() / 1e6, List.copyOf(steps), highest);
	}

	/** The verdict on one run of the sweep. */
	static Step judge(BenchResult run, Duration maxP99) {
		List<String> reasons = new ArrayList<>();
		BenchResult.DeliveryCounts d = run.deliveries();
		BenchResult.Plan plan = run.plan();
		double maxP99Ms = maxP99.toNanos() / 1e6;
		int notConnected = plan.subscribers() - run.connect().connected();
		if (notConnected > 0) {
			reasons.add(notConnected + " streams not connected");
		}
		if (d.lost() > 0) {
			reasons.add(d.lost() + " lost");
		}
		if (d.duplicates() > 0) {
			reasons.add(d.duplicates() + " duplicates");
		}
		if (d.streamsFailed() + d.streamsEnded() > 0) {
			reasons.add((d.streamsFailed() + d.streamsEnded()) + " streams failed or ended");
		}
		if (run.publisher().refused() > 0) {
			reasons.add(run.publisher().refused() + " shouts refused");
		}
		if (run.publisher().achievedRate() < MIN_ACHIEVED * plan.rate()) {
			reasons.add(String.format(Locale.ROOT, "publisher achieved %.1f/s", run.publisher().achievedRate()));
		}
		if (run.latencyMs().p99() > maxP99Ms) {
			reasons.add(String.format(Locale.ROOT, "p99 %.1f ms > %.1f ms", run.latencyMs().p99(), maxP99Ms));
		}
		return new Step(plan.rate(), run.id(), d.lost(), d.duplicates(), run.latencyMs().p99(), d.perSecond(),
				reasons.isEmpty(), reasons);
	}

	/** What the sweep prints at its end. */
	String text() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "rate sweep at %d subscribers (pass: no loss, p99 <= %.0f ms)%n",
				this.subscribers, this.maxP99Ms));
		text.append(String.format(Locale.ROOT, "%10s %10s %8s %8s %14s  %s%n", "rate/s", "p99 ms", "lost", "dups",
				"deliveries/s", "verdict"));
		for (Step step : this.steps) {
			text.append(String.format(Locale.ROOT, "%10s %10.1f %8d %8d %14s  %s%n", BenchReport.number(step.rate()),
					step.p99Ms(), step.lost(), step.duplicates(), BenchReport.number(step.perSecond()),
					step.passed() ? "pass" : "FAIL: " + String.join(", ", step.reasons())));
		}
		text.append((this.highestPassingRate != null)
				? String.format(Locale.ROOT,
						"highest rate with no loss and p99 <= %.0f ms: %s shouts/s (%s deliveries/s)%n", this.maxP99Ms,
						BenchReport.number(this.highestPassingRate),
						BenchReport.number(this.highestPassingRate * this.subscribers))
				: "no rate of the sweep passed\n");
		return text.toString();
	}

	/**
	 * One run of the sweep.
	 *
	 * @param rate shouts per second into each room
	 * @param run the run's id (its results file)
	 * @param lost deliveries lost
	 * @param duplicates deliveries received twice
	 * @param p99Ms its p99 latency
	 * @param perSecond deliveries per second received
	 * @param passed whether it passed
	 * @param reasons why not
	 */
	record Step(double rate, String run, long lost, long duplicates, double p99Ms, double perSecond, boolean passed,
			List<String> reasons) {

	}

}
