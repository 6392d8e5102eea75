package io.hubbridge.room;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.util.concurrent.Queues;

/**
 * A single-producer, single-consumer queue of at most {@code capacity} elements that
 * takes memory only for what it holds: an idle stream's queue is a few dozen bytes where
 * an array sized for the capacity would hold kilobytes, for each of thousands of streams.
 */
final class GrowingBoundedQueue<T> extends AbstractQueue<T> {

	/** Elements per link of the underlying queue: the memory a queue starts with. */
	private static final int LINK_SIZE = 16;

	private final Queue<T> elements = Queues.<T>unbounded(LINK_SIZE).get();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	GrowingBoundedQueue(int capacity) {
		this.capacity = capacity;
	}

	@Override
	public boolean offer(T element) {
		if (this.size.get() >= this.capacity) {
			return false;
		}
		// counted before it can be polled: the consumer never sees a negative size
		this.size.incrementAndGet();
		this.elements.offer(element);
		return true;
	}

	@Override
	public @Nullable T poll() {
		T element = this.elements.poll();
		if (element != null) {
			this.size.decrementAndGet();
		}
		return element;
	}

	@Override
	public @Nullable T peek() {
		return this.elements.peek();
	}

	@Override
	public int size() {
		return this.size.get();
	}

	@Override
	public boolean isEmpty() {
		return this.elements.isEmpty();
	}

	/** Not supported: the queue is drained by polling. */
	@Override
	public Iterator<T> iterator() {
		throw new UnsupportedOperationException("a queue of a stream is only polled");
	}

}
