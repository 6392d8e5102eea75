package io.hubbridge.api;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.RoomEvent;
import io.hubbridge.support.TestProperties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** How a stream is composed, without a server. */
class EventStreamsUnitTests {

	@Test
	void aStreamThatStopsReadingNeverHoldsUpTheKeepAliveCommentsOfOthers() {
		BridgeProperties properties = TestProperties.bind(Map.of("bridge.sse.keep-alive", "1ms"));
		EventStreams streams = new EventStreams(null, new KeepAlive(properties), new InputRules(properties),
				properties);
		Flux<List<RoomEvent>> quietRoom = Flux.never();
		// takes what a server's write path takes before the socket backs up, then nothing
		BaseSubscriber<List<ByteBuffer>> stuck = new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.request(32);
			}
		};
		streams.stream("lobby", quietRoom, () -> {
		}).frames().subscribe(stuck);
		AtomicInteger comments = new AtomicInteger();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Disposable reading = streams.stream("lobby", quietRoom, () -> {
		}).frames().subscribe((bytes) -> comments.incrementAndGet(), failure::set);
		try {
			// ten times what the shared ticker could buffer for the stuck one
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.until(() -> comments.get() > 3000 || failure.get() != null);
			assertThat(failure.get()).isNull();
		}
		finally {
			stuck.dispose();
			reading.dispose();
		}
	}

}
