package io.hubbridge.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveriesUnitTests {

	private final Deliveries deliveries = new Deliveries();

	@Test
	void everyThreadsRecordingsAddUpInTheTotal() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(3);
		for (int t = 0; t < 3; t++) {
			long latencyMicros = (t + 1) * 1000L;
			Thread thread = new Thread(() -> {
				Deliveries.PerThread recorder = this.deliveries.forThisThread();
				for (int i = 0; i < 100; i++) {
					recorder.record(0, latencyMicros * 1000);
				}
				done.countDown();
			});
			thread.start();
		}
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		Histogram interval = this.deliveries.collect();
		assertThat(interval.getTotalCount()).isEqualTo(300);
		assertThat(this.deliveries.count()).isEqualTo(300);
		assertThat(this.deliveries.perThread()).containsExactlyInAnyOrder(100L, 100L, 100L);
		Histogram total = this.deliveries.total();
		assertThat(total.getTotalCount()).isEqualTo(300);
		assertThat(total.getMaxValue()).as("µs").isBetween(3000L, 3003L);
		assertThat(total.getMinValue()).as("µs").isBetween(999L, 1000L);
	}

	@Test
	void eachCollectionMovesOnlyWhatWasRecordedSinceTheLast() {
		Deliveries.PerThread recorder = this.deliveries.forThisThread();
		recorder.record(0, 5_000_000);
		assertThat(this.deliveries.collect().getTotalCount()).isEqualTo(1);
		recorder.record(0, 7_000_000);
		recorder.record(0, 7_000_000);
		assertThat(this.deliveries.collect().getTotalCount()).isEqualTo(2);
		assertThat(this.deliveries.collect().getTotalCount()).isZero();
		assertThat(this.deliveries.total().getTotalCount()).isEqualTo(3);
		assertThat(this.deliveries.lastReceiptNanos()).isEqualTo(7_000_000);
	}

}
