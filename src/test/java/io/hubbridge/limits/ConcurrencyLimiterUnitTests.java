package io.hubbridge.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent holdings per key. */
class ConcurrencyLimiterUnitTests {

	@Test
	void aKeyHoldsAtMostTheMaximumAndAReleaseMakesRoomAgain() {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(2);
		ConcurrencyLimiter.Permit first = limiter.tryAcquire("a");
		assertThat(first).isNotNull();
		assertThat(limiter.tryAcquire("a")).isNotNull();
		assertThat(limiter.tryAcquire("a")).isNull();
		assertThat(limiter.tryAcquire("b")).as("another key is not limited by a").isNotNull();
		first.release();
		assertThat(limiter.tryAcquire("a")).isNotNull();
		assertThat(limiter.held("a")).isEqualTo(2);
		assertThat(limiter.total()).isEqualTo(3);
	}

	@Test
	void aPermitReleasedTwiceGivesBackOnlyOnce() {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(1);
		ConcurrencyLimiter.Permit permit = limiter.tryAcquire("a");
		ConcurrencyLimiter.Permit other = limiter.tryAcquire("b");
		permit.release();
		permit.release();
		assertThat(limiter.total()).isEqualTo(1);
		assertThat(limiter.held("b")).isEqualTo(1);
		other.release();
		assertThat(limiter.total()).isZero();
	}

	@Test
	void keysThatHoldNothingAreForgotten() {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(3);
		for (int i = 0; i < 10_000; i++) {
			limiter.tryAcquire("10.0.0." + i).release();
		}
		assertThat(limiter.keys()).isZero();
		assertThat(limiter.total()).isZero();
	}

	@Test
	void concurrentAcquiresNeverExceedTheMaximum() throws Exception {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(50);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> acquired = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				acquired.add(pool.submit(() -> {
					start.await();
					int count = 0;
					for (int i = 0; i < 100; i++) {
						if (limiter.tryAcquire("shared") != null) {
							count++;
						}
					}
					return count;
				}));
			}
			start.countDown();
			int total = 0;
			for (Future<Integer> each : acquired) {
				total += each.get(30, TimeUnit.SECONDS);
			}
			assertThat(total).isEqualTo(50);
			assertThat(limiter.held("shared")).isEqualTo(50);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
