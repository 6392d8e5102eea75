package io.hubbridge.bench;

import java.util.Locale;

/**
 * The websocket baseline ({@code bench.mode=compare}): the same plan run once with
 * websocket users joined straight to Hub ("Hub → N websockets") and once with the
 * bridge's SSE streams ("Hub → bridge's one upstream session → N streams"), and what the
 * bridge adds to the latency.
 *
 * @param subscribers subscribers of each run
 * @param rate shouts per second into each room
 * @param websocketRun the baseline run's id
 * @param sseRun the bridge's run's id
 * @param websocketMs the baseline's latency
 * @param sseMs the bridge's latency
 * @param addedP50Ms the bridge's p50 minus the baseline's
 * @param addedP99Ms the same at p99 (the target: at most {@link #TARGET_ADDED_P99_MS})
 * @param addedP999Ms the same at p99.9
 * @param bothComplete both runs connected every subscriber and lost and duplicated
 * nothing
 * @param withinTarget {@code bothComplete} and {@code addedP99Ms} within the target
 */
record Comparison(int subscribers, double rate, String websocketRun, String sseRun, BenchResult.Latency websocketMs,
		BenchResult.Latency sseMs, double addedP50Ms, double addedP99Ms, double addedP999Ms, boolean bothComplete,
		boolean withinTarget) {

	/** Issue 5, target 7: the bridge adds at most 5 ms at p99. */
	static final double TARGET_ADDED_P99_MS = 5;

	static Comparison of(BenchResult websocket, BenchResult sse) {
		BenchResult.Latency ws = websocket.latencyMs();
		BenchResult.Latency bridge = sse.latencyMs();
		double addedP99 = round(bridge.p99() - ws.p99());
		boolean complete = complete(websocket) && complete(sse);
		return new Comparison(sse.plan().subscribers(), sse.plan().rate(), websocket.id(), sse.id(), ws, bridge,
				round(bridge.p50() - ws.p50()), addedP99, round(bridge.p999() - ws.p999()), complete,
				complete && addedP99 <= TARGET_ADDED_P99_MS);
	}

	private static boolean complete(BenchResult run) {
		BenchResult.DeliveryCounts d = run.deliveries();
		return run.connect().connected() == run.plan().subscribers() && d.lost() == 0 && d.duplicates() == 0
				&& d.streamsFailed() == 0 && d.streamsEnded() == 0;
	}

	/** What the comparison prints. */
	String text() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "websocket baseline vs bridge, %d subscribers x %s shouts/s%n",
				this.subscribers, BenchReport.number(this.rate)));
		text.append(String.format(Locale.ROOT, "%-28s %9s %9s %9s %9s %9s%n", "", "p50 ms", "p90 ms", "p99 ms",
				"p99.9 ms", "max ms"));
		row(text, "websocket straight to Hub", this.websocketMs);
		row(text, "SSE through the bridge", this.sseMs);
		text.append(String.format(Locale.ROOT, "%-28s %9.1f %9s %9.1f %9.1f%n", "added by the bridge", this.addedP50Ms,
				"", this.addedP99Ms, this.addedP999Ms));
		text.append(String.format(Locale.ROOT, "target (p99 added <= %.0f ms, no loss on either side): %s%n",
				TARGET_ADDED_P99_MS,
				this.withinTarget ? "met" : this.bothComplete ? "NOT met" : "NOT met (incomplete run)"));
		return text.toString();
	}

	private static void row(StringBuilder text, String name, BenchResult.Latency l) {
		text.append(String.format(Locale.ROOT, "%-28s %9.1f %9.1f %9.1f %9.1f %9.1f%n", name, l.p50(), l.p90(), l.p99(),
				l.p999(), l.max()));
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
