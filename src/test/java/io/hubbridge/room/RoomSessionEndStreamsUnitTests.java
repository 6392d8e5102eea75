package io.hubbridge.room;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.V1Serializer;
import io.hubbridge.room.event.ShutdownEvent;
import io.hubbridge.room.presence.Presence;
import io.hubbridge.support.SseEvent;
import io.hubbridge.support.SseParser;
import io.hubbridge.support.TestProperties;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Ending a room's streams with a final event, as a shutdown does, without sockets. */
class RoomSessionEndStreamsUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final RoomSession session = new RoomSession("lobby", "e1", TestProperties.bind(Map.of()).rooms(),
			new Presence((key) -> !key.equals("hub-bridge")), new SseFrames(JsonMapper.builder().build()),
			Clock.fixed(Instant.parse("2026-11-27T23:11:25Z"), ZoneOffset.UTC), () -> {
			});

	@Test
	void everyStreamGetsTheFinalEventAfterARetryHintThenEnds() {
		hub("presence_state", "{}");
		StepVerifier everything = StepVerifier.create(this.session.subscribe(null, EnumSet.allOf(EventType.class)))
			.expectNextMatches((event) -> event.type() == EventType.PRESENCE)
			.assertNext((event) -> {
				assertThat(event.type()).isEqualTo(EventType.SHUTDOWN);
				SseParser parser = new SseParser();
				List<SseEvent> parsed = parser.feed(new String(event.sse(), StandardCharsets.UTF_8));
				assertThat(parser.retry()).isEqualTo(5000L);
				assertThat(parsed).containsExactly(new SseEvent(event.id().toString(), "shutdown",
						"{\"room\":\"lobby\",\"reason\":\"shutting-down\",\"retryAfterMs\":5000}"));
			})
			.expectComplete()
			.verifyLater();
		StepVerifier shoutsOnly = StepVerifier.create(this.session.subscribe(null, EventType.parseList("shout")))
			.expectNextMatches((event) -> event.type() == EventType.SHUTDOWN)
			.expectComplete()
			.verifyLater();
		endStreams();
		everything.verify(WAIT);
		shoutsOnly.verify(WAIT);
		assertThat(this.session.subscriberCount()).isZero();
	}

	@Test
	void aStreamStartingAfterwardsGetsTheSameFinalEventAndEnds() {
		endStreams();
		RoomEvent[] first = new RoomEvent[1];
		StepVerifier.create(this.session.subscribe(null, EnumSet.allOf(EventType.class)))
			.consumeNextWith((event) -> first[0] = event)
			.expectComplete()
			.verify(WAIT);
		StepVerifier.create(this.session.subscribe("e1-0", EnumSet.allOf(EventType.class)))
			.expectNext(first[0])
			.expectComplete()
			.verify(WAIT);
		assertThat(first[0].type()).isEqualTo(EventType.SHUTDOWN);
	}

	@Test
	void theRoomKeepsFollowingHubSoThatRequestsInFlightGetTheirAnswer() {
		hub("presence_state", "{}");
		endStreams();
		hub("shout", "{\"body\":\"after\",\"channel\":\"lobby\",\"name\":\"robin\"}");
		assertThat(this.session.recentShouts(1)).extracting((recent) -> recent.shout().body()).containsExactly("after");
		assertThat(this.session.isClosed()).isFalse();
	}

	private void endStreams() {
		this.session.endStreams(EventType.SHUTDOWN, new ShutdownEvent("lobby", ShutdownEvent.SHUTTING_DOWN, 5000),
				Duration.ofSeconds(5));
	}

	private void hub(String event, String payload) {
		Message message = V1Serializer.INSTANCE
			.decode("{\"topic\":\"room:lobby\",\"event\":\"" + event + "\",\"payload\":" + payload + ",\"ref\":null}");
		this.session.upstreamMessage(message);
	}

}
