package io.hubbridge.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket held in one number, so that taking a token is one compare-and-set and
 * never a lock: the bucket holds {@code burst} tokens when full and gains one every
 * {@code interval}. Instead of a token count it keeps the time at which it will be full
 * again (the "theoretical arrival time" of the generic cell rate algorithm, which is the
 * same bucket counted differently): taking a token moves that time one interval later,
 * and a take that would move it more than {@code burst} intervals past now is refused.
 * Times are {@link System#nanoTime()}-style nanoseconds, compared by difference.
 */
final class TokenBucket {

	/** When the bucket is full again; at or before now when it is full. */
	private final AtomicLong fullAt;

	TokenBucket(long now) {
		this.fullAt = new AtomicLong(now);
	}

	/**
	 * Takes a token if one is left.
	 * @param now the current time
	 * @param interval nanoseconds per token
	 * @param capacity nanoseconds of tokens the bucket holds: burst times interval
	 * @return 0 when a token was taken; otherwise how many nanoseconds until one is
	 * available
	 */
	long tryTake(long now, long interval, long capacity) {
		while (true) {
			long current = this.fullAt.get();
			long base = (current - now > 0) ? current : now;
			long next = base + interval;
			long wait = (next - now) - capacity;
			if (wait > 0) {
				return wait;
			}
			if (this.fullAt.compareAndSet(current, next)) {
				return 0;
			}
		}
	}

	/** Whether the bucket is full at {@code now}: forgetting it then loses nothing. */
	boolean isFull(long now) {
		return this.fullAt.get() - now <= 0;
	}

	/** When the bucket is full again, for choosing which bucket to forget first. */
	long fullAt() {
		return this.fullAt.get();
	}

}
