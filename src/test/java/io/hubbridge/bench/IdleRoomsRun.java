package io.hubbridge.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code bench.mode=idle-rooms}: one stream on each of {@code bench.rooms} rooms (each
 * room opens its upstream session to Hub), all joined, then the bridge's CPU measured
 * over {@code bench.idle} while nothing happens but heartbeats and keep-alives.
 */
final class IdleRoomsRun {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration PROGRESS = Duration.ofSeconds(5);

	/** Phoenix's and Hub's. */
	static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

	static final Duration DEFAULT_HUB_IDLE_TIMEOUT = Duration.ofSeconds(45);

	private final BenchSettings settings;

	private final PrintStream out;

	IdleRoomsRun(BenchSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	IdleRoomsResult run(String id, MachineInfo machine) throws IOException, InterruptedException {
		String timestamp = Instant.now().toString();
		BenchSettings s = this.settings;
		String tag = "bench-idle-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
		try (Bridge bridge = Bridge.of(s, s.out().resolve("bridge-" + id + ".log"));
				BenchStreams streams = new BenchStreams(s.clientThreads())) {
			List<BenchSubscriber> subscribers = new ArrayList<>();
			// kept open throughout: a room closing in the window (its grace period) would
			// be work
			BenchSubscriber warmUp = stream(bridge, tag + "-warmup");
			try {
				warmUp.open(streams).block(READY_TIMEOUT);
				long heapBase = bridge.heapAfterGcBytes();
				long rssBase = bridge.rssKib();
				this.out.printf("  baseline: the bridge idle with the warm-up room only%n");
				long baselineCpuBefore = bridge.cpuNanos();
				long baselineStart = System.nanoTime();
				idle(bridge, baselineCpuBefore, baselineStart);
				long baselineCpu = bridge.cpuNanos() - baselineCpuBefore;
				long baselineNanos = System.nanoTime() - baselineStart;
				for (int room = 0; room < s.rooms(); room++) {
					subscribers.add(stream(bridge, tag + "-" + room));
				}
				this.out.printf("  opening %d rooms, one stream each%n", s.rooms());
				long connectStart = BenchClock.now();
				Flux.fromIterable(subscribers)
					.flatMap((subscriber) -> subscriber.open(streams), s.connectConcurrency())
					.then()
					.timeout(s.connectTimeout())
					.onErrorResume((ex) -> Mono.empty())
					.block();
				BenchResult.Connect connect = BenchRun.connect(subscribers, connectStart);
				this.out.printf("  %d/%d rooms joined in %.0f ms; measuring memory%n", connect.connected(), s.rooms(),
						connect.allConnectedMs());
				Duration interval = argument(s.bridgeArgs(), "bridge.hub.heartbeat-interval", DEFAULT_HEARTBEAT);
				Duration hubIdle = argument(s.bridgeArgs(), "bridge.embedded-hub.idle-timeout",
						DEFAULT_HUB_IDLE_TIMEOUT);
				Duration warmup = (s.idleWarmup() != null) ? s.idleWarmup() : interval;
				this.out.printf("  warming up for %.1f s: every session heartbeats before the window%n",
						warmup.toMillis() / 1000.0);
				Thread.sleep(warmup.toMillis());
				long heapIdle = bridge.heapAfterGcBytes();
				long rssIdle = bridge.rssKib();
				String metricsBefore = bridge.metrics();
				long[] machineBefore = ProcFiles.machineTicks();
				long toolCpuBefore = toolCpuNanos();
				long cpuBefore = bridge.cpuNanos();
				long start = System.nanoTime();
				idle(bridge, cpuBefore, start);
				long cpuAfter = bridge.cpuNanos();
				long windowNanos = System.nanoTime() - start;
				long toolCpuAfter = toolCpuNanos();
				long[] machineAfter = ProcFiles.machineTicks();
				long rssEnd = bridge.rssKib();
				String metricsAfter = bridge.metrics();
				IdleRoomsResult.Heartbeats heartbeats = heartbeats(subscribers, interval, hubIdle, windowNanos,
						metricsBefore, metricsAfter);
				Double cpuMs = (cpuBefore >= 0) ? (cpuAfter - cpuBefore) / 1e6 : null;
				Double corePercent = (cpuMs != null) ? round(100.0 * cpuMs * 1e6 / windowNanos) : null;
				Double baselinePercent = (cpuMs != null) ? round(100.0 * baselineCpu / baselineNanos) : null;
				Double roomsPercent = (cpuMs != null) ? round(corePercent - baselinePercent) : null;
				Double perRoom = (cpuMs != null) ? round(roomsPercent / 100 * 1e6 / s.rooms()) : null;
				boolean within = corePercent != null && corePercent < IdleRoomsResult.TARGET_CORE_PERCENT
						&& heartbeats.proven() && connect.connected() == s.rooms();
				IdleRoomsResult.Idle idle = new IdleRoomsResult.Idle(round(windowNanos / 1e6),
						(cpuMs != null) ? round(cpuMs) : null, corePercent, baselinePercent, roomsPercent, perRoom,
						within);
				double n = s.rooms();
				IdleRoomsResult.Memory memory = new IdleRoomsResult.Memory(mib(rssBase * 1024L), mib(rssIdle * 1024L),
						mib(rssEnd * 1024L), (rssBase >= 0) ? round((rssIdle - rssBase) / n) : null, mib(heapBase),
						mib(heapIdle), (heapBase >= 0) ? round((heapIdle - heapBase) / 1024.0 / n) : null);
				Double machineBusy = (machineBefore != null && machineAfter != null)
						? round(100.0 * (machineAfter[0] - machineBefore[0]) / (machineAfter[1] - machineBefore[1]))
						: null;
				return new IdleRoomsResult(id, timestamp, machine,
						new BenchResult.BridgeInfo(bridge.started(), bridge.url(), bridge.pid(), bridge.jvmFlags(),
								s.bridgeArgs()),
						s.rooms(), connect, idle, heartbeats, memory,
						round(100.0 * (toolCpuAfter - toolCpuBefore) / windowNanos), machineBusy);
			}
			finally {
				subscribers.forEach(BenchSubscriber::close);
				warmUp.close();
			}
		}
	}

	private static BenchSubscriber stream(Bridge bridge, String room) {
		return new BenchSubscriber(bridge.url() + "/api/rooms/" + room + "/events", 0, 1, new Deliveries());
	}

	/** Waits out the window, printing the bridge's CPU so far now and then. */
	private void idle(Bridge bridge, long cpuBefore, long start) throws InterruptedException {
		long window = this.settings.idle().toNanos();
		long next = PROGRESS.toNanos();
		while (true) {
			long elapsed = System.nanoTime() - start;
			if (elapsed >= window) {
				return;
			}
			Thread.sleep(Math.max(1, Math.min(next, window) - elapsed) / 1_000_000 + 1);
			elapsed = System.nanoTime() - start;
			if (elapsed >= next && elapsed < window) {
				long cpu = bridge.cpuNanos();
				this.out.printf(Locale.ROOT, "  %4ds idle      bridge CPU so far %.2f%% of a core%n",
						elapsed / 1_000_000_000L, (cpuBefore >= 0) ? 100.0 * (cpu - cpuBefore) / elapsed : -1.0);
				next += PROGRESS.toNanos();
			}
		}
	}

	private static IdleRoomsResult.Heartbeats heartbeats(List<BenchSubscriber> subscribers, Duration interval,
			Duration hubIdle, long windowNanos, @Nullable String before, @Nullable String after) {
		long upstreamChanges = 0;
		int lost = 0;
		for (BenchSubscriber subscriber : subscribers) {
			upstreamChanges += subscriber.counts(1, new java.util.BitSet()).upstreamChanges();
			lost += (subscriber.failed() || subscriber.ended()) ? 1 : 0;
		}
		long joined = (after != null)
				? Math.round(PrometheusText.sum(after, "hub_bridge_upstream_state", "state=\"joined\"")) : -1;
		long reconnects = delta(before, after, "hub_bridge_upstream_reconnects_total");
		long failures = delta(before, after, "hub_bridge_upstream_attempt_failures_total");
		boolean proven = windowNanos > hubIdle.toNanos() && upstreamChanges == 0 && lost == 0 && reconnects == 0
				&& failures == 0 && joined >= subscribers.size();
		return new IdleRoomsResult.Heartbeats(interval.toMillis(), hubIdle.toMillis(), windowNanos / interval.toNanos(),
				joined, reconnects, failures, upstreamChanges, lost, proven);
	}

	private static long delta(@Nullable String before, @Nullable String after, String name) {
		if (before == null || after == null) {
			return -1;
		}
		return Math.round(PrometheusText.sum(after, name) - PrometheusText.sum(before, name));
	}

	/**
	 * The value of {@code --NAME=VALUE} in the bridge's extra arguments, or
	 * {@code fallback}: what the tool knows of the bridge's settings.
	 */
	static Duration argument(String bridgeArgs, String name, Duration fallback) {
		Duration value = fallback;
		for (String word : bridgeArgs.trim().split("\\s+")) {
			if (word.startsWith("--" + name + "=")) {
				value = DurationStyle.detectAndParse(word.substring(name.length() + 3));
			}
		}
		return value;
	}

	/** What the run prints. */
	static String text(IdleRoomsResult r) {
		IdleRoomsResult.Idle i = r.idle();
		IdleRoomsResult.Heartbeats h = r.heartbeats();
		IdleRoomsResult.Memory m = r.memory();
		StringBuilder text = new StringBuilder();
		line(text, "==== hub-bridge bench %s: idle rooms ====", r.id());
		line(text, "machine:    %d cores, %s, %d MiB, Java %s; load average at start %s", r.machine().cores(),
				r.machine().cpuModel(), r.machine().memoryMib(), r.machine().java(), r.machine().loadAverage());
		line(text, "bridge:     %s %s (pid %s), JVM %s %s", r.bridge().started() ? "started at" : "running at",
				r.bridge().url(), r.bridge().pid(), r.bridge().jvmFlags(), r.bridge().args());
		line(text,
				"rooms:      %d/%d joined (%d failed) in %.0f ms, one stream each; per room p50 %.1f ms, p99 %.1f ms",
				r.connect().connected(), r.rooms(), r.connect().failed(), r.connect().allConnectedMs(),
				r.connect().p50Ms(), r.connect().p99Ms());
		line(text, "idle:       %.1f s: bridge CPU %s ms = %s%% of one core while idle; target < %.0f%%: %s",
				i.windowMs() / 1000, value(i.cpuMs()), value(i.cpuCorePercent()), IdleRoomsResult.TARGET_CORE_PERCENT,
				verdict(r));
		line(text,
				"            of which %s%% the bridge idle without the rooms (baseline window), %s%% the rooms = %s µs/s per room",
				value(i.baselineCorePercent()), value(i.roomsCorePercent()), value(i.cpuPerRoomMicrosPerSecond()));
		line(text,
				"heartbeats: every %d ms (%d due per room in the window), Hub idle timeout %d ms; %d rooms joined at the end, %d reconnects, %d failures, %d upstream changes, %d streams lost: %s",
				h.intervalMs(), h.duePerRoom(), h.hubIdleTimeoutMs(), h.joinedRooms(), h.reconnects(), h.failures(),
				h.upstreamChanges(), h.streamsLost(),
				h.proven() ? "sessions kept alive"
						: (h.upstreamChanges() + h.reconnects() + h.failures() + h.streamsLost() > 0) ? "SESSIONS LOST"
								: "not proven (window shorter than Hub's idle timeout)");
		line(text, "memory:     RSS %s MiB before the rooms, %s MiB with them (%s KiB/room), %s MiB at the end",
				value(m.rssBaseMib()), value(m.rssIdleMib()), value(m.rssPerRoomKib()), value(m.rssEndMib()));
		line(text, "heap:       after GC %s MiB before the rooms, %s MiB with them (%s KiB/room)",
				value(m.heapBaseMib()), value(m.heapIdleMib()), value(m.heapPerRoomKib()));
		line(text, "tool:       CPU %.1f%% of a core in the window; machine busy %s%%", r.toolCpuCorePercent(),
				value(r.machineCpuPercent()));
		text.append("=".repeat(40)).append('\n');
		return text.toString();
	}

	/**
	 * Whether target 5 was met; below the CPU target is not enough without heartbeats.
	 */
	static String verdict(IdleRoomsResult r) {
		if (r.idle().withinTarget()) {
			return "met";
		}
		Double percent = r.idle().cpuCorePercent();
		IdleRoomsResult.Heartbeats h = r.heartbeats();
		boolean intact = h.upstreamChanges() + h.reconnects() + h.failures() + h.streamsLost() == 0
				&& r.connect().connected() == r.rooms();
		if (percent != null && percent < IdleRoomsResult.TARGET_CORE_PERCENT && intact) {
			return "CPU below, heartbeats not proven (window not longer than Hub's idle timeout)";
		}
		return "NOT met";
	}

	private static long toolCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static String value(@Nullable Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.2f", value) : "n/a";
	}

	private static void line(StringBuilder text, String format, Object... args) {
		text.append(String.format(Locale.ROOT, format, args).stripTrailing()).append('\n');
	}

	private static @Nullable Double mib(long bytes) {
		return (bytes >= 0) ? round(bytes / 1024.0 / 1024.0) : null;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
