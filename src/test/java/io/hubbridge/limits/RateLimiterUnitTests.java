package io.hubbridge.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Token buckets per client, on a time source the tests move by hand. */
class RateLimiterUnitTests {

	/** Starts far from 0, and negative, as {@link System#nanoTime()} may. */
	private final AtomicLong now = new AtomicLong(-5_000_000_000L);

	@Test
	void aFullBucketGivesItsBurstAtOnceThenRefusesWithTheTimeToTheNextToken() {
		RateLimiter limiter = new RateLimiter(2, 3, 100, this.now::get);
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.tryAcquire("a")).as("token %d", i).isZero();
		}
		assertThat(limiter.tryAcquire("a")).isEqualTo(Duration.ofMillis(500));
		advance(Duration.ofMillis(200));
		assertThat(limiter.tryAcquire("a")).as("a refused take takes nothing").isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void tokensComeBackAtTheRateUpToTheBurst() {
		RateLimiter limiter = new RateLimiter(2, 3, 100, this.now::get);
		drain(limiter, "a", 3);
		advance(Duration.ofMillis(500));
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isEqualTo(Duration.ofMillis(500));
		advance(Duration.ofHours(1));
		assertThat(drain(limiter, "a", 10)).as("never more than the burst after a long pause").isEqualTo(3);
	}

	@Test
	void aSlowRateRefusesForItsWholeRefillTime() {
		RateLimiter limiter = new RateLimiter(0.01, 2, 100, this.now::get);
		drain(limiter, "a", 2);
		assertThat(limiter.tryAcquire("a")).isEqualTo(Duration.ofSeconds(100));
		advance(Duration.ofMillis(99_999));
		assertThat(limiter.tryAcquire("a")).isEqualTo(Duration.ofMillis(1));
		advance(Duration.ofMillis(1));
		assertThat(limiter.tryAcquire("a")).isZero();
	}

	@Test
	void oneClientUsingUpItsBucketLeavesEveryOtherClientsBucketFull() {
		RateLimiter limiter = new RateLimiter(1, 5, 100, this.now::get);
		for (int i = 0; i < 1000; i++) {
			limiter.tryAcquire("flooder");
		}
		assertThat(limiter.tryAcquire("flooder")).isPositive();
		assertThat(drain(limiter, "other", 10)).isEqualTo(5);
	}

	@Test
	void aFloodOfDistinctClientsKeepsAtMostTheMaximumOfBuckets() {
		RateLimiter limiter = new RateLimiter(1, 5, 1000, this.now::get);
		int most = 0;
		int refused = 0;
		for (int i = 0; i < 50_000; i++) {
			if (!limiter.tryAcquire("10.0." + (i / 256) + "." + (i % 256)).isZero()) {
				refused++;
			}
			most = Math.max(most, limiter.clients());
			if (i % 100 == 0) {
				advance(Duration.ofMillis(10));
			}
		}
		assertThat(most).isEqualTo(1000);
		assertThat(refused).as("each newcomer has its full bucket").isZero();
	}

	@Test
	void bucketsThatRefilledAreForgottenFirstAndNothingIsLostByIt() {
		RateLimiter limiter = new RateLimiter(1, 2, 10, this.now::get);
		drain(limiter, "busy", 2);
		for (int i = 0; i < 9; i++) {
			limiter.tryAcquire("idle-" + i);
		}
		advance(Duration.ofMillis(1500));
		// the idle ones are full again; "busy" has one token of two back
		limiter.tryAcquire("newcomer");
		assertThat(limiter.clients()).as("the full buckets were forgotten").isEqualTo(2);
		assertThat(limiter.tryAcquire("busy")).isZero();
		assertThat(limiter.tryAcquire("busy")).as("busy's bucket was kept with what it had spent").isPositive();
	}

	@Test
	void underAFloodFasterThanAnyRefillTheClientThatSpentMostIsForgottenLast() {
		RateLimiter limiter = new RateLimiter(1, 3, 100, this.now::get);
		drain(limiter, "spender", 3);
		for (int i = 0; i < 10_000; i++) {
			limiter.tryAcquire("one-shot-" + i);
		}
		assertThat(limiter.clients()).isLessThanOrEqualTo(100);
		assertThat(limiter.tryAcquire("spender")).as("still limited").isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void concurrentTakesFromOneBucketGiveExactlyTheBurst() throws Exception {
		RateLimiter limiter = new RateLimiter(1, 500, 100, this.now::get);
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Callable<Integer>> takers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				takers.add(() -> {
					start.await();
					return drain(limiter, "shared", 1000);
				});
			}
			List<Future<Integer>> taken = new ArrayList<>();
			takers.forEach((taker) -> taken.add(pool.submit(taker)));
			start.countDown();
			int total = 0;
			for (Future<Integer> each : taken) {
				total += each.get(30, TimeUnit.SECONDS);
			}
			assertThat(total).isEqualTo(500);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void refusesSettingsThatCannotLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(0, 1, 1, this.now::get));
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(1, 0, 1, this.now::get));
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(1, 1, 0, this.now::get));
	}

	private void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

	private static int drain(RateLimiter limiter, String client, int attempts) {
		int taken = 0;
		for (int i = 0; i < attempts; i++) {
			if (limiter.tryAcquire(client).isZero()) {
				taken++;
			}
		}
		return taken;
	}

}
