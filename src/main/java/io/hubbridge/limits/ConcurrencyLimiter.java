package io.hubbridge.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * How many of something each key holds at once, at most {@code max} per key. A key that
 * holds nothing is forgotten, so memory follows what is held, not who ever held
 * something.
 */
public final class ConcurrencyLimiter {

	private final int max;

	private final Map<String, Integer> held = new ConcurrentHashMap<>();

	private final AtomicInteger total = new AtomicInteger();

	public ConcurrencyLimiter(int max) {
		if (max < 1) {
			throw new IllegalArgumentException("max must be positive");
		}
		this.max = max;
	}

	/**
	 * Takes one for the key unless it holds the maximum already.
	 * @return what gives it back (once, however often it is called), or {@code null} when
	 * the key holds the maximum
	 */
	public @Nullable Permit tryAcquire(String key) {
		boolean[] acquired = new boolean[1];
		this.held.compute(key, (k, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= this.max) {
				return count;
			}
			acquired[0] = true;
			return current + 1;
		});
		if (!acquired[0]) {
			return null;
		}
		this.total.incrementAndGet();
		return new Permit(key);
	}

	private void release(String key) {
		this.held.computeIfPresent(key, (k, count) -> (count > 1) ? count - 1 : null);
		this.total.decrementAndGet();
	}

	/** How many the key holds. */
	public int held(String key) {
		return this.held.getOrDefault(key, 0);
	}

	/** How many all keys hold together. */
	public int total() {
		return this.total.get();
	}

	/** How many keys hold something. */
	public int keys() {
		return this.held.size();
	}

	/** One held for a key; {@link #release()} gives it back. */
	public final class Permit {

		private final String key;

		private final AtomicBoolean released = new AtomicBoolean();

		private Permit(String key) {
			this.key = key;
		}

		/** Gives it back; only the first call counts. */
		public void release() {
			if (this.released.compareAndSet(false, true)) {
				ConcurrencyLimiter.this.release(this.key);
			}
		}

	}

}
