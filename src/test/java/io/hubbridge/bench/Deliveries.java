package io.hubbridge.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Latency and counts of deliveries, recorded without contention: each event loop thread
 * records into its own {@link SingleWriterRecorder} (wait-free), and a reader collects
 * their intervals into one histogram (µs, 1 µs to 1 h, 3 significant digits).
 */
final class Deliveries {

	static final long MAX_MICROS = 3_600_000_000L;

	private final List<PerThread> threads = new CopyOnWriteArrayList<>();

	private final ThreadLocal<PerThread> current = ThreadLocal.withInitial(this::register);

	private final Histogram total = new Histogram(MAX_MICROS, 3);

	private Histogram interval = new Histogram(MAX_MICROS, 3);

	/** This thread's recorder; callers on an event loop may keep it. */
	PerThread forThisThread() {
		return this.current.get();
	}

	private PerThread register() {
		PerThread perThread = new PerThread();
		this.threads.add(perThread);
		return perThread;
	}

	/**
	 * Moves what was recorded since the last call into the total; returns that interval
	 * (valid until the next call).
	 */
	synchronized Histogram collect() {
		this.interval.reset();
		for (PerThread perThread : this.threads) {
			this.interval.add(perThread.takeInterval());
		}
		this.total.add(this.interval);
		return this.interval;
	}

	/** Everything collected so far (call {@link #collect()} first). */
	synchronized Histogram total() {
		return this.total.copy();
	}

	long count() {
		long count = 0;
		for (PerThread perThread : this.threads) {
			count += perThread.count.get();
		}
		return count;
	}

	/**
	 * Deliveries recorded by each thread: how evenly the event loops share the streams.
	 */
	List<Long> perThread() {
		return this.threads.stream().map((perThread) -> perThread.count.get()).toList();
	}

	/** When the last delivery was recorded, on {@link BenchClock}; 0 if none. */
	long lastReceiptNanos() {
		long last = 0;
		for (PerThread perThread : this.threads) {
			last = Math.max(last, perThread.lastReceipt);
		}
		return last;
	}

	/** One thread's recorder; written by that thread only. */
	static final class PerThread {

		private final SingleWriterRecorder recorder = new SingleWriterRecorder(MAX_MICROS, 3);

		private final AtomicLong count = new AtomicLong();

		private volatile long lastReceipt;

		/** The reader's: the last interval taken, recycled by the next. */
		private Histogram recycled;

		void record(long sentNanos, long receivedNanos) {
			long micros = Math.max(0, (receivedNanos - sentNanos) / 1000);
			this.recorder.recordValue(Math.min(micros, MAX_MICROS));
			this.count.lazySet(this.count.get() + 1);
			this.lastReceipt = receivedNanos;
		}

		/** What was recorded since the last call; called by the reader only. */
		private Histogram takeInterval() {
			this.recycled = this.recorder.getIntervalHistogram(this.recycled);
			return this.recycled;
		}

	}

}
