package io.hubbridge.room;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.util.concurrent.Queues;

/**
 * The subscribers of one delivery thread (a connection event loop) that have events
 * waiting, drained together by one task, rather than one task per subscriber and event:
 * an event of a room with thousands of streams is one task per event loop. A task runs at
 * most once per write interval: what comes sooner after the last run waits for the rest
 * of it, with what follows, so that a busy stream is written a few events at a time
 * rather than with a write (and a system call) per event.
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

	/** When the next task may run ({@link System#nanoTime()}). */
	private volatile long nextRun = System.nanoTime();

	/**
	 * @param executor the delivery thread
	 * @param writeInterval the shortest time between two runs of the task; kept only
	 * where {@code executor} can schedule (an event loop)
	 */
	public DeliveryLoop(Executor executor, Duration writeInterval) {
		this.executor = executor;
		this.writeIntervalNanos = writeInterval.toNanos();
	}

	/** Has the subscriber drained on the delivery thread, soon. */
	void drainSoon(Subscriber subscriber) {
		if (this == DIRECT) {
			subscriber.drain();
			return;
		}
		this.due.offer(subscriber);
		if (this.pending.getAndIncrement() == 0) {
			long wait = this.nextRun - System.nanoTime();
			if (wait > 0 && this.executor instanceof ScheduledExecutorService scheduler) {
				scheduler.schedule(this::run, wait, TimeUnit.NANOSECONDS);
			}
			else {
				this.executor.execute(this::run);
			}
		}
	}

	private void run() {
		this.nextRun = System.nanoTime() + this.writeIntervalNanos;
		int missed = this.pending.get();
		int budget = MAX_DRAINS_PER_RUN;
		do {
			for (Subscriber subscriber = this.due.poll(); subscriber != null; subscriber = this.due.poll()) {
				subscriber.drain();
				if (--budget == 0) {
					// the rest in a task of its own, so that the thread's I/O and other
					// tasks are not held up by thousands of streams; pending stays above
					// zero meanwhile, so no one else schedules
					this.executor.execute(this::run);
					return;
				}
			}
			missed = this.pending.addAndGet(-missed);
		}
		while (missed != 0);
	}

}
