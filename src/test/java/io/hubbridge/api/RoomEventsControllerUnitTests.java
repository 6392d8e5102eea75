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
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/** How a stream is composed, without a server. */
class RoomEventsControllerUnitTests {

	@Test
	void aStreamThatStopsReadingNeverHoldsUpTheKeepAliveCommentsOfOthers() {
		BridgeProperties properties = TestProperties.bind(Map.of("bridge.sse.keep-alive", "1ms"));
		RoomEventsController controller = new RoomEventsController(null, new KeepAlive(properties),
				new InputRules(properties), properties, null);
		Flux<List<RoomEvent>> quietRoom = Flux.never();
		// takes what a server's write path takes before the socket backs up, then nothing
		BaseSubscriber<List<ByteBuffer>> stuck = new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.request(32);
			}
		};
		controller.stream(quietRoom, Sinks.empty()).subscribe(stuck);
		AtomicInteger comments = new AtomicInteger();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Disposable reading = controller.stream(quietRoom, Sinks.empty())
			.subscribe((bytes) -> comments.incrementAndGet(), failure::set);
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
