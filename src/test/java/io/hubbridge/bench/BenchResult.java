package io.hubbridge.bench;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One run's results, written as JSON ({@code results-<id>.json}, one line of the series).
 * Times are in ms unless named otherwise; null where the tool could not measure (a bridge
 * it did not start and whose process id it was not given).
 *
 * @param id the run, {@code <timestamp>-n<subscribers>}
 * @param timestamp when the run started (UTC, ISO-8601)
 * @param sweep the invocation the run belongs to (runs of one sweep share it)
 * @param machine where it ran
 * @param bridge what was measured
 * @param plan what the run was asked to do
 * @param connect opening the streams
 * @param deliveries what the subscribers received, checked per subscriber
 * @param latencyMs send to receipt of every first delivery
 * @param publisher how the shouts went out
 * @param bridgeProcess the bridge's CPU and memory
 * @param tool the tool's own CPU and event loops during publishing
 */
record BenchResult(String id, String timestamp, String sweep, MachineInfo machine, BridgeInfo bridge, Plan plan,
		Connect connect, DeliveryCounts deliveries, Latency latencyMs, Publisher publisher, BridgeUsage bridgeProcess,
		ToolUsage tool) {

	/**
	 * The bridge under load.
	 *
	 * @param started whether the tool started it (a separate JVM, embedded Hub)
	 * @param url its HTTP address
	 * @param pid its process id, if known
	 * @param jvmFlags its JVM options
	 * @param args extra Spring arguments given to it
	 */
	record BridgeInfo(boolean started, String url, @Nullable Long pid, String jvmFlags, String args) {

	}

	/**
	 * @param subscribers streams opened
	 * @param rooms rooms they were spread over
	 * @param rate shouts per second into each room
	 * @param shoutsPerRoom shouts sent into each room
	 * @param publish {@code hub} or {@code rest}
	 * @param bodyBytes minimum shout body size
	 * @param subscribe {@code sse} (the bridge's streams) or {@code websocket} (users
	 * straight on Hub, the baseline)
	 * @param warmupSeconds how long the load ran before the measured run (0: a cold
	 * bridge); after a warm-up, memory per stream is not measured (the warm-up's streams
	 * left their heap behind)
	 */
	record Plan(int subscribers, int rooms, double rate, int shoutsPerRoom, String publish, int bodyBytes,
			String subscribe, double warmupSeconds) {

	}

	/**
	 * @param connected streams that saw a presence with the upstream joined
	 * @param failed streams that failed before
	 * @param allConnectedMs first request to the last stream's first joined presence
	 * @param p50Ms median of each stream's request to joined presence
	 * @param p99Ms its 99th percentile
	 * @param maxMs its maximum
	 */
	record Connect(int connected, int failed, double allConnectedMs, double p50Ms, double p99Ms, double maxMs) {

	}

	/**
	 * @param expected deliveries due: each room's subscribers times its shouts that left
	 * @param received distinct deliveries
	 * @param lost expected and not received
	 * @param duplicates received again
	 * @param orderViolations received after a shout of the same room sent later (with
	 * {@code publish=rest} concurrent posts race each other to the bridge: only
	 * {@code orderDisagreements} is meaningful there)
	 * @param orderDisagreements streams that received all their shouts in another order
	 * than most streams of their room
	 * @param unexpected shouts that were not this run's
	 * @param perSecond received over first send to last receipt
	 * @param offeredPerSecond subscribers times rate: what the publishers asked for
	 * @param streamsFailed streams that failed during the run
	 * @param streamsEnded streams the bridge ended during the run (too slow, shutdown)
	 * @param upstreamChanges {@code upstream} events after connecting, over all streams
	 */
	record DeliveryCounts(long expected, long received, long lost, long duplicates, long orderViolations,
			long orderDisagreements, long unexpected, double perSecond, double offeredPerSecond, int streamsFailed,
			int streamsEnded, long upstreamChanges) {

	}

	/** Latency percentiles in ms, over {@code count} deliveries. */
	record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {

	}

	/**
	 * @param sent shouts sent, over all rooms
	 * @param refused shouts that did not leave (REST answer not 201/202, queue full)
	 * @param behind shouts sent more than 1 ms after they were due (publisher lag)
	 * @param latenessP99Ms how late shouts went out, 99th percentile
	 * @param latenessMaxMs and at most
	 * @param achievedRate ticks per second achieved (each tick shouts into every room)
	 */
	record Publisher(long sent, long refused, long behind, double latenessP99Ms, double latenessMaxMs,
			double achievedRate, @Nullable Answers answers) {

	}

	/**
	 * The bridge's answers to shouts posted over REST.
	 *
	 * @param confirmed answered {@code 201}: Hub's broadcast came back
	 * @param sent answered {@code 202}: sent, broadcast not back in time
	 * @param confirmedPerSecond confirmed posts per second, from the first post to the
	 * last answer
	 * @param p50Ms from a post's send to its answer, median
	 * @param p99Ms 99th percentile
	 * @param maxMs and at most
	 */
	record Answers(long confirmed, long sent, double confirmedPerSecond, double p50Ms, double p99Ms, double maxMs) {

	}

	/**
	 * The bridge's process (the embedded Hub runs in it).
	 *
	 * @param cpuConnectMs CPU time spent while the streams connected
	 * @param cpuConnectPerSubscriberMicros that per stream
	 * @param cpuRunMs CPU time from the first shout to the last delivery (drained)
	 * @param cpuRunCorePercent that as a share of one core
	 * @param cpuPerDeliveryMicros that per delivery
	 * @param rssBaseMib resident memory before the streams
	 * @param rssIdleMib once they are all connected, before publishing
	 * @param rssEndMib after publishing
	 * @param rssPerSubscriberKib (idle − base) per stream
	 * @param heapBaseMib heap used after a full GC before the streams
	 * @param heapIdleMib after a full GC once connected
	 * @param heapEndMib after a full GC after publishing
	 * @param heapPerSubscriberKib (idle − base) per stream
	 */
	record BridgeUsage(@Nullable Double cpuConnectMs, @Nullable Double cpuConnectPerSubscriberMicros,
			@Nullable Double cpuRunMs, @Nullable Double cpuRunCorePercent, @Nullable Double cpuPerDeliveryMicros,
			@Nullable Double rssBaseMib, @Nullable Double rssIdleMib, @Nullable Double rssEndMib,
			@Nullable Double rssPerSubscriberKib, @Nullable Double heapBaseMib, @Nullable Double heapIdleMib,
			@Nullable Double heapEndMib, @Nullable Double heapPerSubscriberKib) {

	}

	/**
	 * The tool during publishing.
	 *
	 * @param cpuCorePercent its process CPU as a share of one core
	 * @param machineCpuPercent the whole machine's busy share (all cores)
	 * @param loopBusyPercent each event loop thread's CPU as a share of the wall time
	 * @param loopLagP99Ms how long a task waited for an event loop, 99th percentile
	 * @param loopLagMaxMs and at most
	 * @param loopDeliveries deliveries each event loop received (over the whole run)
	 */
	record ToolUsage(double cpuCorePercent, @Nullable Double machineCpuPercent, List<Double> loopBusyPercent,
			double loopLagP99Ms, double loopLagMaxMs, List<Long> loopDeliveries) {

	}

}
