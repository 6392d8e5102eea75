package io.hubbridge.bench;

import java.time.Duration;
import java.util.BitSet;

import io.hubbridge.support.HubUser;
import io.hubbridge.support.RunningBridge;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool's own stream reader on a bridge's real streams: connected once the room's
 * upstream joined, every shout checked and timed, a refused stream a failed subscriber.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class BenchStreamsIntegrationTests extends RunningBridge {

	private final BenchStreams streams = new BenchStreams(1);

	private final Deliveries deliveries = new Deliveries();

	@AfterEach
	void close() {
		this.streams.close();
	}

	@Test
	void aStreamIsConnectedOnceJoinedAndEveryShoutIsCheckedAndTimed() {
		BenchSubscriber subscriber = new BenchSubscriber(eventsUrl("bench-reader"), 0, 3, this.deliveries);
		subscriber.open(this.streams).block(Duration.ofSeconds(30));
		assertThat(subscriber.isConnected()).isTrue();
		try (HubUser publisher = HubUser.join(hubUrl(), "bench-reader", "publisher")) {
			for (int sequence = 0; sequence < 3; sequence++) {
				publisher.shout("publisher", ShoutBody.format(sequence, BenchClock.now(), 200));
			}
			publisher.shout("publisher", "not the benchmark's");
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
				BenchSubscriber.SubscriberCounts counts = subscriber.counts(3, new BitSet());
				return counts.received() == 3 && counts.unexpected() == 1;
			});
		}
		subscriber.close();
		BenchSubscriber.SubscriberCounts counts = subscriber.counts(3, new BitSet());
		assertThat(counts.lost()).isZero();
		assertThat(counts.duplicates()).isZero();
		assertThat(counts.orderViolations()).isZero();
		assertThat(subscriber.failed()).isFalse();
		this.deliveries.collect();
		assertThat(this.deliveries.total().getTotalCount()).isEqualTo(3);
	}

	@Test
	void aRefusedStreamIsAFailedSubscriber() {
		BenchSubscriber subscriber = new BenchSubscriber(eventsUrl("no%20such%20room"), 0, 3, this.deliveries);
		subscriber.open(this.streams).block(Duration.ofSeconds(30));
		assertThat(subscriber.isConnected()).isFalse();
		assertThat(subscriber.failed()).isTrue();
	}

}
