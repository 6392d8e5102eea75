package io.hubbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.HdrHistogram.Histogram;

/**
 * Watches the tool itself, so that a reader can tell whether the tool was the bottleneck:
 * its process CPU, each event loop thread's CPU (busy share of the wall time), and event
 * loop lag (how long a task submitted every 50 ms waited before it ran).
 */
final class ToolProbe implements AutoCloseable {

	private static final long PROBE_MILLIS = 50;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final Set<Long> loopThreads = ConcurrentHashMap.newKeySet();

	private final Histogram lag = new Histogram(Deliveries.MAX_MICROS, 3);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bench-loop-probe");
		thread.setDaemon(true);
		return thread;
	});

	ToolProbe(List<EventLoopGroup> groups) {
		this.timer.scheduleAtFixedRate(() -> {
			for (EventLoopGroup group : groups) {
				for (EventExecutor loop : group) {
					long submitted = BenchClock.now();
					loop.execute(() -> ran(submitted));
				}
			}
		}, 0, PROBE_MILLIS, TimeUnit.MILLISECONDS);
	}

	private void ran(long submitted) {
		long waited = (BenchClock.now() - submitted) / 1000;
		this.loopThreads.add(Thread.currentThread().getId());
		synchronized (this.lag) {
			this.lag.recordValue(Math.min(waited, Deliveries.MAX_MICROS));
		}
	}

	/** Where the tool stands now; the lag recorded so far starts again. */
	Snapshot snapshot() {
		Map<Long, Long> loopCpu = new TreeMap<>();
		for (long id : this.loopThreads) {
			loopCpu.put(id, this.threads.getThreadCpuTime(id));
		}
		Histogram lagSoFar;
		synchronized (this.lag) {
			lagSoFar = this.lag.copy();
			this.lag.reset();
		}
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		return new Snapshot(BenchClock.now(), os.getProcessCpuTime(), loopCpu, ProcFiles.machineTicks(), lagSoFar);
	}

	/** The tool's use of the machine between two snapshots. */
	static BenchResult.ToolUsage between(Snapshot start, Snapshot end, List<Long> loopDeliveries) {
		double wall = end.wallNanos - start.wallNanos;
		List<Double> busy = new ArrayList<>();
		end.loopCpu.forEach((id, cpu) -> busy.add(percent(cpu - start.loopCpu.getOrDefault(id, 0L), wall)));
		Double machine = null;
		if (start.machineTicks != null && end.machineTicks != null) {
			machine = percent(end.machineTicks[0] - start.machineTicks[0], end.machineTicks[1] - start.machineTicks[1]);
		}
		Histogram lag = end.lag;
		return new BenchResult.ToolUsage(percent(end.processCpuNanos - start.processCpuNanos, wall), machine, busy,
				lag.getValueAtPercentile(99) / 1000.0, lag.getMaxValue() / 1000.0, loopDeliveries);
	}

	private static double percent(double part, double whole) {
		return (whole > 0) ? Math.round(1000.0 * part / whole) / 10.0 : 0;
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

	/** The tool at one moment; {@code lag} is what was recorded since the last one. */
	record Snapshot(long wallNanos, long processCpuNanos, Map<Long, Long> loopCpu, long[] machineTicks, Histogram lag) {

	}

}
