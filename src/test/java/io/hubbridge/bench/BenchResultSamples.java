package io.hubbridge.bench;

import java.util.List;

/** Results as a run produces them, for tests of what is written and drawn. */
final class BenchResultSamples {

	private BenchResultSamples() {
	}

	static BenchResult run(String id, int subscribers, double rate, double p99) {
		MachineInfo machine = new MachineInfo(2, "AMD EPYC <test>", 24105, "17.0.15 (OpenJDK 64-Bit Server VM)",
				"Linux 6.1 amd64", "0.10 0.20 0.30 1/100 1");
		return new BenchResult(id, "2026-11-28T02:30:52Z", "sweep-1", machine,
				new BenchResult.BridgeInfo(true, "http://127.0.0.1:1", 4242L, "-Xmx512m", ""),
				new BenchResult.Plan(subscribers, 1, rate, 200, "hub", 0, "sse", 0),
				new BenchResult.Connect(subscribers, 0, 812.5, 3.1, 40.2, 55.0),
				new BenchResult.DeliveryCounts(subscribers * 200L, subscribers * 200L, 0, 0, 0, 0, 0,
						subscribers * rate, subscribers * rate, 0, 0, 0),
				new BenchResult.Latency(subscribers * 200L, p99 / 4, p99 / 2, p99, p99 * 1.5, p99 * 2, p99 / 3),
				new BenchResult.Publisher(200, 0, 1, 0.4, 1.2, rate, null),
				new BenchResult.BridgeUsage(120.0, 600.0, 900.0, 9.0, 1.1, 300.0, 310.0, 312.0, 51.2, 20.0, 25.0, 21.0,
						25.6),
				new BenchResult.ToolUsage(12.0, 55.0, List.of(4.0, 5.0), 0.3, 2.0, List.of(1000L, 1100L)));
	}

}
