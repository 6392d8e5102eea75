package io.hubbridge.room;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrowingBoundedQueueUnitTests {

	@Test
	void holdsAtMostItsCapacityInOrderAndTakesMoreOnceSomeWasPolled() {
		GrowingBoundedQueue<Integer> queue = new GrowingBoundedQueue<>(40);
		for (int i = 0; i < 40; i++) {
			assertThat(queue.offer(i)).isTrue();
		}
		assertThat(queue.offer(40)).as("one over the capacity").isFalse();
		assertThat(queue).hasSize(40);
		assertThat(queue.peek()).isZero();
		assertThat(queue.poll()).isZero();
		assertThat(queue.offer(40)).isTrue();
		List<Integer> drained = new ArrayList<>();
		for (Integer next = queue.poll(); next != null; next = queue.poll()) {
			drained.add(next);
		}
		assertThat(drained).hasSize(40).startsWith(1, 2).endsWith(39, 40).isSorted();
		assertThat(queue.isEmpty()).isTrue();
		assertThat(queue.size()).isZero();
	}

	@Test
	void clearEmptiesItAndFreesItsCapacity() {
		GrowingBoundedQueue<String> queue = new GrowingBoundedQueue<>(2);
		queue.offer("a");
		queue.offer("b");
		queue.clear();
		assertThat(queue.isEmpty()).isTrue();
		assertThat(queue.offer("c")).isTrue();
		assertThat(queue.offer("d")).isTrue();
		assertThat(queue.offer("e")).isFalse();
	}

	@Test
	void theConsumerNeverSeesANegativeSizeWhileTheProducerAdds() throws Exception {
		GrowingBoundedQueue<Integer> queue = new GrowingBoundedQueue<>(1024);
		int count = 1_000_000;
		Thread producer = new Thread(() -> {
			for (int i = 0; i < count;) {
				if (queue.offer(i)) {
					i++;
				}
			}
		});
		producer.start();
		int polled = 0;
		int lowestSize = 0;
		while (polled < count) {
			lowestSize = Math.min(lowestSize, queue.size());
			if (queue.poll() != null) {
				polled++;
			}
		}
		producer.join();
		assertThat(lowestSize).isZero();
		assertThat(queue.isEmpty()).isTrue();
	}

}
