package io.hubbridge.bench;

import org.jspecify.annotations.Nullable;

/**
 * What {@code bench.mode=idle-rooms} measured (issue 5, target 5: 1,000 rooms open, each
 * with its upstream session and heartbeats, under 5% of a core while idle), written as
 * {@code idle-rooms-<id>.json}. Null where the tool could not measure (no process id).
 *
 * @param id the run
 * @param timestamp when it started (UTC, ISO-8601)
 * @param machine where it ran
 * @param bridge what was measured
 * @param rooms rooms opened, one stream each (a warm-up room stays open besides)
 * @param connect opening the streams, each until its room's upstream joined
 * @param idle the idle window and what the bridge did in it
 * @param heartbeats whether heartbeats kept the upstream sessions alive
 * @param memory the bridge's memory before and with the rooms
 * @param toolCpuCorePercent the tool's own CPU in the window, as a share of one core
 * @param machineCpuPercent the whole machine's busy share in the window (all cores)
 */
record IdleRoomsResult(String id, String timestamp, MachineInfo machine, BenchResult.BridgeInfo bridge, int rooms,
		BenchResult.Connect connect, Idle idle, Heartbeats heartbeats, Memory memory, double toolCpuCorePercent,
		@Nullable Double machineCpuPercent) {

	/** Issue 5, target 5. */
	static final double TARGET_CORE_PERCENT = 5;

	/**
	 * @param windowMs the window measured: after all rooms joined, the warm-up
	 * ({@code bench.idle-warmup}) and the bridge's memory measured; connect time excluded
	 * @param cpuMs the bridge's CPU time in it (user + system; the embedded Hub included)
	 * @param cpuCorePercent that as a share of one core: the whole process, the target's
	 * measure
	 * @param baselineCorePercent the same over an equal window before the rooms opened
	 * (the warm-up room only): what the JVM and the bridge cost idle by themselves
	 * @param roomsCorePercent {@code cpuCorePercent} − {@code baselineCorePercent}: what
	 * the rooms cost
	 * @param cpuPerRoomMicrosPerSecond that per room, in µs of CPU per second
	 * @param withinTarget {@code cpuCorePercent} below {@link #TARGET_CORE_PERCENT} with
	 * heartbeats proven
	 */
	record Idle(double windowMs, @Nullable Double cpuMs, @Nullable Double cpuCorePercent,
			@Nullable Double baselineCorePercent, @Nullable Double roomsCorePercent,
			@Nullable Double cpuPerRoomMicrosPerSecond, boolean withinTarget) {

	}

	/**
	 * @param intervalMs {@code bridge.hub.heartbeat-interval} (from
	 * {@code bench.bridge-args}, else its default)
	 * @param hubIdleTimeoutMs Hub closes a socket silent this long
	 * ({@code bridge.embedded-hub.idle-timeout}, else 45 s)
	 * @param duePerRoom heartbeats each upstream session was due to send in the window
	 * @param joinedRooms rooms whose upstream was joined at the end
	 * ({@code hub_bridge_upstream_state{state="joined"}}, the warm-up room included)
	 * @param reconnects upstream reconnects in the window
	 * ({@code hub_bridge_upstream_reconnects_total})
	 * @param failures upstream failures in the window
	 * ({@code hub_bridge_upstream_attempt_failures_total})
	 * @param upstreamChanges {@code upstream} events the streams saw in the window
	 * @param streamsLost streams that failed or were ended
	 * @param proven the window outlasted Hub's idle timeout and no session was lost: the
	 * sessions kept sending
	 */
	record Heartbeats(long intervalMs, long hubIdleTimeoutMs, long duePerRoom, long joinedRooms, long reconnects,
			long failures, long upstreamChanges, int streamsLost, boolean proven) {

	}

	/**
	 * @param rssBaseMib resident memory before the rooms (after the warm-up)
	 * @param rssIdleMib with the rooms, before the window
	 * @param rssEndMib at the window's end
	 * @param rssPerRoomKib (idle − base) per room
	 * @param heapBaseMib heap after a full GC before the rooms
	 * @param heapIdleMib after a full GC with the rooms
	 * @param heapPerRoomKib (idle − base) per room
	 */
	record Memory(@Nullable Double rssBaseMib, @Nullable Double rssIdleMib, @Nullable Double rssEndMib,
			@Nullable Double rssPerRoomKib, @Nullable Double heapBaseMib, @Nullable Double heapIdleMib,
			@Nullable Double heapPerRoomKib) {

	}

}
