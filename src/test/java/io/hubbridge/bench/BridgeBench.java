package io.hubbridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The load tool's entry point ({@code ./mvnw -q -Pbench -Dbench.subscribers=…}, see
 * README, Benchmark): one run per subscriber count, each printed, written as JSON,
 * appended to the series, and the chart redrawn; or, by {@code bench.mode} and
 * {@code bench.rate-sweep}, idle rooms, the websocket baseline, the highest-rate search.
 */
public final class BridgeBench {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private BridgeBench() {
	}

	public static void main(String[] args) throws Exception {
		BenchSettings settings = BenchSettings.fromSystemProperties();
		MachineInfo machine = MachineInfo.current();
		String sweep = stamp();
		switch (settings.mode()) {
			case "idle-rooms" -> idleRooms(settings, machine);
			case "compare" -> compare(settings, machine, sweep);
			default -> {
				if (settings.rateSweep().isEmpty()) {
					fanout(settings, machine, sweep);
				}
				else {
					rateSweep(settings, machine, sweep);
				}
			}
		}
	}

	private static void fanout(BenchSettings settings, MachineInfo machine, String sweep) throws Exception {
		List<BenchResult> results = new ArrayList<>();
		for (int subscribers : settings.runs()) {
			results.add(run(settings, subscribers, machine, sweep));
		}
		if (results.size() > 1) {
			System.out.print(BenchReport.table(results));
		}
	}

	/**
	 * Each subscriber count with websocket users straight to Hub, then with the bridge.
	 */
	private static void compare(BenchSettings settings, MachineInfo machine, String sweep) throws Exception {
		List<Comparison> comparisons = new ArrayList<>();
		for (int subscribers : settings.runs()) {
			BenchResult websocket = run(settings.withSubscribe("websocket"), subscribers, machine, sweep);
			BenchResult sse = run(settings.withSubscribe("sse"), subscribers, machine, sweep);
			Comparison comparison = Comparison.of(websocket, sse);
			comparisons.add(comparison);
			System.out.print(comparison.text());
		}
		Path json = ResultsFiles.writeJson(comparisons, settings.out(), "compare-" + sweep + ".json");
		System.out.println("comparison: " + json);
	}

	/** One run per rate, lowest first, until one fails. */
	private static void rateSweep(BenchSettings settings, MachineInfo machine, String sweep) throws Exception {
		List<RateSweep.Step> steps = new ArrayList<>();
		for (double rate : settings.rateSweep()) {
			BenchResult result = run(settings.withRate(rate), settings.subscribers(), machine, sweep);
			RateSweep.Step step = RateSweep.judge(result, settings.maxP99());
			steps.add(step);
			System.out.println("verdict:   " + (step.passed() ? "pass" : "FAIL: " + String.join(", ", step.reasons())));
			if (!step.passed()) {
				break;
			}
		}
		RateSweep outcome = RateSweep.of(settings.subscribers(), settings.maxP99(), steps);
		System.out.print(outcome.text());
		Path json = ResultsFiles.writeJson(outcome, settings.out(), "rate-sweep-" + sweep + ".json");
		System.out.println("rate sweep: " + json);
	}

	private static void idleRooms(BenchSettings settings, MachineInfo machine) throws Exception {
		String id = stamp() + "-idle" + settings.rooms();
		System.out.printf("hub-bridge bench %s: %d idle rooms, one stream each, measured idle for %.1f s%n", id,
				settings.rooms(), settings.idle().toMillis() / 1000.0);
		IdleRoomsResult result = new IdleRoomsRun(settings, System.out).run(id, machine);
		System.out.print(IdleRoomsRun.text(result));
		Path json = ResultsFiles.writeJson(result, settings.out(), "idle-rooms-" + id + ".json");
		System.out.println("results:    " + json);
		if (settings.record()) {
			ResultsFiles.writeJson(result, BenchSettings.RECORDED, "idle-rooms.json");
			System.out.println("recorded:   " + BenchSettings.RECORDED.resolve("idle-rooms.json"));
		}
	}

	/** One run: printed, written as JSON, appended to the series, the chart redrawn. */
	private static BenchResult run(BenchSettings settings, int subscribers, MachineInfo machine, String sweep)
			throws IOException, InterruptedException {
		String id = stamp() + "-n" + subscribers;
		System.out.printf("hub-bridge bench %s: %d %s subscribers, %d room(s), %d shouts per room at %s/s via %s%n", id,
				subscribers, settings.subscribe(), settings.rooms(), settings.shouts(),
				BenchReport.number(settings.rate()), settings.publish());
		BenchResult result = new BenchRun(settings, subscribers, System.out).run(id, sweep, machine);
		System.out.print(BenchReport.text(result));
		Path json = ResultsFiles.write(result, settings.out());
		ResultsFiles.append(result, settings.out());
		Path chart = ResultsFiles.chart(settings.out());
		System.out.println("results:   " + json + "; chart " + chart);
		if (settings.record()) {
			ResultsFiles.append(result, BenchSettings.RECORDED);
			System.out.println("recorded:  " + ResultsFiles.chart(BenchSettings.RECORDED));
		}
		return result;
	}

	private static String stamp() {
		return STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
	}

}
