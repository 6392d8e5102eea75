package io.hubbridge.bench;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The load tool's entry point ({@code ./mvnw -q -Pbench -Dbench.subscribers=…}, see
 * README, Benchmark): one run per subscriber count, each printed, written as JSON,
 * appended to the series, and the chart redrawn.
 */
public final class BridgeBench {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private BridgeBench() {
	}

	public static void main(String[] args) throws Exception {
		BenchSettings settings = BenchSettings.fromSystemProperties();
		MachineInfo machine = MachineInfo.current();
		String sweep = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
		List<BenchResult> results = new ArrayList<>();
		for (int subscribers : settings.runs()) {
			String id = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-n" + subscribers;
			System.out.printf("hub-bridge bench %s: %d subscribers, %d room(s), %d shouts per room at %s/s via %s%n",
					id, subscribers, settings.rooms(), settings.shouts(), BenchReport.number(settings.rate()),
					settings.publish());
			BenchResult result = new BenchRun(settings, subscribers, System.out).run(id, sweep, machine);
			results.add(result);
			System.out.print(BenchReport.text(result));
			Path json = ResultsFiles.write(result, settings.out());
			ResultsFiles.append(result, settings.out());
			Path chart = ResultsFiles.chart(settings.out());
			System.out.println("results:   " + json + "; chart " + chart);
			if (settings.record()) {
				ResultsFiles.append(result, BenchSettings.RECORDED);
				System.out.println("recorded:  " + ResultsFiles.chart(BenchSettings.RECORDED));
			}
		}
		if (results.size() > 1) {
			System.out.print(BenchReport.table(results));
		}
	}

}
