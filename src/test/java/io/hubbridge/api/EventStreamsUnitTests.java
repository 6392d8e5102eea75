package io.hubbridge.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.EventId;
import io.hubbridge.room.EventType;
import io.hubbridge.room.RoomEvent;
import io.hubbridge.support.TestProperties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

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

	@Test
	void aKeepAliveCommentGoesOnlyToAStreamThatWasQuietForAWholePeriod() {
		BridgeProperties properties = TestProperties.bind(Map.of("bridge.sse.keep-alive", "10s"));
		Sinks.Many<List<RoomEvent>> room = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.withVirtualTime(() -> {
			EventStreams streams = new EventStreams(null, new KeepAlive(properties), new InputRules(properties),
					properties);
			return streams.stream("lobby", room.asFlux(), () -> {
			}).frames().map(EventStreamsUnitTests::text);
		})
			.expectNext("retry: 2000\n\n")
			.thenAwait(Duration.ofSeconds(10))
			.expectNext(": keep-alive\n\n")
			.then(() -> room.tryEmitNext(List.of(shout())).orThrow())
			.expectNext("id: e1-1\nevent: shout\ndata: {}\n\n")
			// the tick at 20 s follows a period with an event
			.expectNoEvent(Duration.ofSeconds(15))
			.thenAwait(Duration.ofSeconds(5))
			.expectNext(": keep-alive\n\n")
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	private static String text(List<ByteBuffer> frames) {
		StringBuilder text = new StringBuilder();
		frames.forEach((frame) -> text.append(StandardCharsets.UTF_8.decode(frame.duplicate())));
		return text.toString();
	}

	private static RoomEvent shout() {
		byte[] frame = "id: e1-1\nevent: shout\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8);
		return new RoomEvent(new EventId("e1", 1), EventType.SHOUT, Instant.EPOCH, frame);
	}

}
