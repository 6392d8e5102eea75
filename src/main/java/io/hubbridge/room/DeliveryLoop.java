package io.hubbridge.room;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import reactor.util.concurrent.Queues;

/**
 * The subscribers of one delivery thread (a connection event loop) that have events
 * waiting, drained together by one task, rather than one task per subscriber and event:
 * an event of a room with thousands of streams is one task per event loop. The task
 * drains in rounds, at most one per write interval, and each subscriber at most once per
 * round: what comes sooner waits for the next round, with what follows, so that a busy
 * stream is written a few events at a time rather than with a write (and a system call)
 * per event.
 */
public final class DeliveryLoop {

	/** Drains each subscriber at once, on the thread that queued its events. */
	public static final DeliveryLoop DIRECT = new DeliveryLoop(Runnable::run, Duration.ZERO);

	/** The most subscribers one task drains before it leaves the rest to the next. */
	static final int MAX_DRAINS_PER_RUN = 1024;

	private final Executor executor;

	private final long writeIntervalNanos;

	/**
	 * Subscribers with events to write; each at most once, so bounded by their number.
	 */
	private final Queue<Subscriber> due = Queues.<Subscriber>unboundedMultiproducer().get();

	/** Drains asked for and not yet done: only the first schedules the task. */
	private final AtomicInteger pending = new AtomicInteger();

	private final LongSupplier nanoTime;

	/** When the next round may begin ({@link System#nanoTime()}). */
	private volatile long nextRun;

	/** Subscribers of the current round not yet drained; only on the delivery thread. */
	private int roundLeft;

	/** When the current round began; only on the delivery thread. */
	private long roundStart;

	/**
	 * @param executor the delivery thread
	 * @param writeInterval the shortest time between two runs of the task; kept only
	 * where {@code executor} can schedule (an event loop)
	 */
	public DeliveryLoop(Executor executor, Duration writeInterval) {
		this(executor, writeInterval, System::nanoTime);
	}

	DeliveryLoop(Executor executor, Duration writeInterval, LongSupplier nanoTime) {
		this.executor = executor;
		this.writeIntervalNanos = writeInterval.toNanos();
		this.nanoTime = nanoTime;
		this.nextRun = nanoTime.getAsLong();
	}

	/** Has the subscriber drained on the delivery thread, soon. */
	void drainSoon(Subscriber subscriber) {
		if (this == DIRECT) {
			subscriber.drain();
			return;
		}
		this.due.offer(subscriber);
		if (this.pending.getAndIncrement() == 0) {
			runWhenDue();
		}
	}

	private void runWhenDue() {
		long wait = this.nextRun - this.nanoTime.getAsLong();
		if (wait > 0 && this.executor instanceof ScheduledExecutorService scheduler) {
			scheduler.schedule(this::run, wait, TimeUnit.NANOSECONDS);
		}
		else {
			this.executor.execute(this::run);
		}
	}

	/**
	 * Drains a round: the subscribers due when it began. One that becomes due again
	 * meanwhile waits for the next round, with what else it gets by then: under load a
	 * round takes longer than the interval, and a stream drained again within it would be
	 * written an event at a time. The next round begins a write interval after this one
	 * began, or, when this one took longer than two thirds of that, half as long after
	 * its end as it took: the busier the thread, the more events each write carries, and
	 * the thread keeps a third of its time for its connections' reads and the rest of the
	 * machine. Measured at 10,000 streams × 20/s on two cores, p99: 0.3 to 0.45 s with a
	 * pause as long as the round instead of 0.7 to 0.9 s without one; then, with one
	 * event loop per core, 0.18 to 0.22 s with half that pause instead of 0.23 to 0.25 s.
	 */
	private void run() {
		if (this.roundLeft == 0) {
			this.roundStart = this.nanoTime.getAsLong();
			// each counted subscriber was queued before it was counted
			this.roundLeft = this.pending.get();
		}
		int drains = Math.min(this.roundLeft, MAX_DRAINS_PER_RUN);
		for (int i = 0; i < drains; i++) {
			this.due.poll().drain();
		}
		this.roundLeft -= drains;
		if (this.roundLeft == 0) {
			// rounds take at most two thirds of the thread's time (under load, a stream
			// waits longer and is written more events at a time), unless they are to
			// follow each other at once
			long end = this.nanoTime.getAsLong();
			this.nextRun = (this.writeIntervalNanos == 0) ? end
					: Math.max(this.roundStart + this.writeIntervalNanos, end + (end - this.roundStart) / 2);
		}
		int stillDue = this.pending.addAndGet(-drains);
		if (this.roundLeft > 0) {
			// the rest of the round in a task of its own, so that the thread's I/O and
			// other tasks are not held up by thousands of streams; pending stays above
			// zero meanwhile, so no one else schedules
			this.executor.execute(this::run);
		}
		else if (stillDue > 0) {
			runWhenDue();
		}
	}

}
