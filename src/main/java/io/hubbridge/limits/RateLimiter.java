package io.hubbridge.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A {@link TokenBucket} per client, at most {@code maxClients} of them. A full bucket
 * holds no state a new one would not, so when there are too many the full ones are
 * forgotten first, then those closest to full, down to nine tenths of the maximum: a
 * flood of distinct clients costs bounded memory and takes nothing from a client that is
 * using its bucket, except under a flood so large and fast that no bucket refills in
 * between (then the most rested lose what they had spent, never more than a burst).
 * Taking a token is lock-free; only the sweep, run by one thread at a time, walks the
 * buckets.
 */
public final class RateLimiter {

	private final long interval;

	private final long capacity;

	private final int maxClients;

	private final int sweepTo;

	private final LongSupplier nanoTime;

	private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	/**
	 * @param ratePerSecond tokens gained per second
	 * @param burst tokens a full bucket holds
	 * @param maxClients how many buckets are kept at most
	 * @param nanoTime the time source, {@code System::nanoTime} outside tests
	 */
	public RateLimiter(double ratePerSecond, int burst, int maxClients, LongSupplier nanoTime) {
		if (!(ratePerSecond > 0) || burst < 1 || maxClients < 1) {
			throw new IllegalArgumentException("rate, burst and maxClients must be positive");
		}
		this.interval = Math.max(1, Math.round(1_000_000_000d / ratePerSecond));
		this.capacity = Math.multiplyExact(this.interval, (long) burst);
		this.maxClients = maxClients;
		this.sweepTo = Math.max(1, maxClients - maxClients / 10);
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes one of the client's tokens.
	 * @return {@link Duration#ZERO} when a token was taken; otherwise how long until the
	 * client has one again
	 */
	public Duration tryAcquire(String client) {
		long now = this.nanoTime.getAsLong();
		TokenBucket bucket = this.buckets.get(client);
		boolean added = false;
		if (bucket == null) {
			bucket = this.buckets.computeIfAbsent(client, (key) -> new TokenBucket(now));
			added = true;
		}
		long wait = bucket.tryTake(now, this.interval, this.capacity);
		// after the take, so that the new bucket is not full and is kept
		if (added && this.buckets.size() > this.maxClients) {
			sweep(now);
		}
		return (wait == 0) ? Duration.ZERO : Duration.ofNanos(wait);
	}

	/** How many clients' buckets are kept. */
	public int clients() {
		return this.buckets.size();
	}

	private void sweep(long now) {
		if (!this.sweeping.compareAndSet(false, true)) {
			return;
		}
		try {
			this.buckets.values().removeIf((bucket) -> bucket.isFull(now));
			int excess = this.buckets.size() - this.sweepTo;
			if (excess > 0) {
				forgetMostRested(now, excess);
			}
		}
		finally {
			this.sweeping.set(false);
		}
	}

	private void forgetMostRested(long now, int count) {
		List<Rested> rested = new ArrayList<>(this.buckets.size());
		this.buckets.forEach((client, bucket) -> rested.add(new Rested(client, bucket, bucket.fullAt() - now)));
		rested.sort(Comparator.comparingLong(Rested::fullIn));
		rested.stream().limit(count).forEach((each) -> this.buckets.remove(each.client(), each.bucket()));
	}

	/** A bucket that will be full in {@code fullIn} nanoseconds. */
	private record Rested(String client, TokenBucket bucket, long fullIn) {
	}

}
