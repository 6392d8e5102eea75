package io.hubbridge.soak;

import java.util.concurrent.atomic.LongAdder;

/** What every subscriber of a soak run counted, added up. */
final class SoakCounts {

	/** Streams opened, first ones and resumes. */
	final LongAdder connections = new LongAdder();

	/** Streams opened with {@code Last-Event-ID}. */
	final LongAdder resumes = new LongAdder();

	/**
	 * Streams that failed (refused, reset) rather than being closed by the subscriber.
	 */
	final LongAdder streamErrors = new LongAdder();

	/** Streams the bridge ended. */
	final LongAdder endedByBridge = new LongAdder();

	/** Events received in sequence (the first of each gap included). */
	final LongAdder delivered = new LongAdder();

	/** Events skipped within a sequence the bridge promised to keep whole. */
	final LongAdder lost = new LongAdder();

	/** Events received again. */
	final LongAdder duplicates = new LongAdder();

	/** Events older than one already received. */
	final LongAdder orderViolations = new LongAdder();

	/** {@code reset} events: history the bridge said was lost. */
	final LongAdder resets = new LongAdder();

	/** Events skipped across a {@code reset}, which the bridge declared. */
	final LongAdder declaredLost = new LongAdder();

	/** Events of another room session (epoch) without a {@code reset}. */
	final LongAdder foreignEpochs = new LongAdder();

	/** Streams that started with something other than the presence snapshot. */
	final LongAdder badStarts = new LongAdder();

	/** {@code upstream} events received. */
	final LongAdder upstreamEvents = new LongAdder();

	/** Subscribers that did not reach the room's last event at the end. */
	final LongAdder notCaughtUp = new LongAdder();

}
