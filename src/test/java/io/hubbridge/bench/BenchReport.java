package io.hubbridge.bench;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The text a run prints: what a reader needs to judge it, in a few lines. */
final class BenchReport {

	private BenchReport() {
	}

	static String text(BenchResult r) {
		BenchResult.Plan p = r.plan();
		BenchResult.DeliveryCounts d = r.deliveries();
		BenchResult.Latency l = r.latencyMs();
		BenchResult.BridgeUsage b = r.bridgeProcess();
		BenchResult.ToolUsage t = r.tool();
		BenchResult.Publisher pub = r.publisher();
		StringBuilder text = new StringBuilder();
		line(text, "==== hub-bridge bench %s ====", r.id());
		line(text, "machine:   %d cores, %s, %d MiB, Java %s; load average at start %s", r.machine().cores(),
				r.machine().cpuModel(), r.machine().memoryMib(), r.machine().java(), r.machine().loadAverage());
		line(text, "bridge:    %s %s (pid %s), JVM %s %s", r.bridge().started() ? "started at" : "running at",
				r.bridge().url(), r.bridge().pid(), r.bridge().jvmFlags(), r.bridge().args());
		line(text, "plan:      %d subscribers%s over %d room(s); %d shouts per room at %s/s, published via %s%s%s",
				p.subscribers(), p.subscribe().equals("websocket") ? " (websocket users straight to Hub)" : "",
				p.rooms(), p.shoutsPerRoom(), number(p.rate()), p.publish(),
				(p.bodyBytes() > 0) ? ", bodies of " + p.bodyBytes() + " bytes" : "", (p.warmupSeconds() > 0)
						? "; after a warm-up of " + number(p.warmupSeconds()) + " s under this load" : "");
		line(text,
				"connect:   %d/%d connected (%d failed) in %.0f ms; per stream p50 %.1f ms, p99 %.1f ms, max %.1f ms",
				r.connect().connected(), p.subscribers(), r.connect().failed(), r.connect().allConnectedMs(),
				r.connect().p50Ms(), r.connect().p99Ms(), r.connect().maxMs());
		line(text,
				"events:    expected %d, received %d, lost %d, duplicates %d, order violations %d (streams disagreeing"
						+ " with their room's order %d), unexpected %d",
				d.expected(), d.received(), d.lost(), d.duplicates(), d.orderViolations(), d.orderDisagreements(),
				d.unexpected());
		line(text, "streams:   %d failed, %d ended by the bridge, %d upstream changes seen", d.streamsFailed(),
				d.streamsEnded(), d.upstreamChanges());
		line(text, "rate:      %s deliveries/s (offered %s/s)", number(d.perSecond()), number(d.offeredPerSecond()));
		line(text, "latency:   p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%d deliveries)",
				l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.count());
		line(text, "publisher: %d shouts, %d refused, %d sent late (>1 ms; p99 %.1f ms, max %.1f ms), %s ticks/s",
				pub.sent(), pub.refused(), pub.behind(), pub.latenessP99Ms(), pub.latenessMaxMs(),
				number(pub.achievedRate()));
		if (pub.answers() != null) {
			BenchResult.Answers a = pub.answers();
			line(text,
					"answers:   %d confirmed (201), %d sent (202); %s confirmed/s; answered in p50 %.1f ms, p99 %.1f ms, max %.1f ms",
					a.confirmed(), a.sent(), number(a.confirmedPerSecond()), a.p50Ms(), a.p99Ms(), a.maxMs());
		}
		line(text, "bridge:    CPU %s ms connecting (%s µs/stream), %s ms publishing = %s%% of a core, %s µs/delivery",
				value(b.cpuConnectMs()), value(b.cpuConnectPerSubscriberMicros()), value(b.cpuRunMs()),
				value(b.cpuRunCorePercent()), value(b.cpuPerDeliveryMicros()));
		if (p.warmupSeconds() > 0) {
			text.append(
					"           (after a warm-up the memory per stream is not meaningful: run without bench.warmup)\n");
		}
		line(text, "memory:    RSS %s MiB before streams, %s MiB idle with them (%s KiB/stream), %s MiB at end",
				value(b.rssBaseMib()), value(b.rssIdleMib()), value(b.rssPerSubscriberKib()), value(b.rssEndMib()));
		line(text, "heap:      after GC %s MiB before streams, %s MiB idle (%s KiB/stream), %s MiB at end",
				value(b.heapBaseMib()), value(b.heapIdleMib()), value(b.heapPerSubscriberKib()), value(b.heapEndMib()));
		line(text,
				"tool:      CPU %.0f%% of a core; event loops busy %s%% (deliveries %s), lag p99 %.1f ms, max %.1f ms; machine busy %s%%",
				t.cpuCorePercent(), t.loopBusyPercent(), t.loopDeliveries(), t.loopLagP99Ms(), t.loopLagMaxMs(),
				value(t.machineCpuPercent()));
		text.append("=".repeat(40)).append('\n');
		return text.toString();
	}

	/** One line per run: how a sweep compares. */
	static String table(List<BenchResult> results) {
		StringBuilder text = new StringBuilder();
		line(text, "%8s %12s %8s %8s %8s %8s %8s %12s %10s %10s", "streams", "deliveries/s", "lost", "p50 ms", "p99 ms",
				"p99.9 ms", "max ms", "connect ms", "KiB/stream", "tool CPU%");
		for (BenchResult r : results) {
			line(text, "%8d %12s %8d %8.1f %8.1f %8.1f %8.1f %12.0f %10s %10.0f", r.plan().subscribers(),
					number(r.deliveries().perSecond()), r.deliveries().lost(), r.latencyMs().p50(), r.latencyMs().p99(),
					r.latencyMs().p999(), r.latencyMs().max(), r.connect().allConnectedMs(),
					value(r.bridgeProcess().rssPerSubscriberKib()), r.tool().cpuCorePercent());
		}
		return text.toString();
	}

	static String number(double value) {
		return (value == Math.rint(value)) ? String.format(Locale.ROOT, "%,d", (long) value)
				: String.format(Locale.ROOT, "%,.1f", value);
	}

	private static String value(@Nullable Double value) {
		return (value != null) ? number(Math.round(value * 10) / 10.0) : "n/a";
	}

	private static void line(StringBuilder text, String format, Object... args) {
		text.append(String.format(Locale.ROOT, format, args).stripTrailing()).append('\n');
	}

}
