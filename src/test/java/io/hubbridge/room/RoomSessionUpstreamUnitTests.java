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
import io.hubbridge.room.presence.Presence;
import io.hubbridge.support.SseEvent;
import io.hubbridge.support.SseParser;
import io.hubbridge.support.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a room session says and counts about its upstream, fed the upstream's calls and
 * Hub's messages directly.
 */
class RoomSessionUpstreamUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RoomSession session = new RoomSession("lobby", "e1", TestProperties.bind(Map.of()).rooms(),
			new Presence((key) -> !key.equals("hub-bridge")), new SseFrames(JsonMapper.builder().build()),
			Clock.fixed(Instant.parse("2026-11-27T23:11:25Z"), ZoneOffset.UTC), () -> {
			}, new RoomMetrics(this.registry, "lobby"));

	@Test
	void eachStateChangeIsSaidOnceWithItsAttemptAndReason() {
		StepVerifier.create(this.session.subscribe(null, EnumSet.of(EventType.UPSTREAM)))
			.then(() -> this.session.upstreamConnecting(UpstreamState.CONNECTING, 1, null))
			.then(() -> this.session.upstreamFailed(1, "could not connect"))
			.assertNext((e) -> assertThat(data(e))
				.isEqualTo("{\"room\":\"lobby\",\"state\":\"failed\",\"attempt\":1,\"reason\":\"could not connect\"}"))
			.then(() -> this.session.upstreamConnecting(UpstreamState.RECONNECTING, 2, "could not connect"))
			.then(() -> this.session.upstreamConnecting(UpstreamState.RECONNECTING, 2, "could not connect"))
			.assertNext((e) -> assertThat(data(e)).contains("\"state\":\"reconnecting\",\"attempt\":2"))
			.then(() -> hub("presence_state", "{}"))
			.then(() -> hub("presence_diff", "{\"joins\":{},\"leaves\":{}}"))
			.assertNext((e) -> assertThat(data(e))
				.isEqualTo("{\"room\":\"lobby\",\"state\":\"joined\",\"attempt\":2,\"reason\":null}"))
			.then(() -> this.session.upstreamConnecting(UpstreamState.RECONNECTING, 1, "socket closed"))
			.assertNext((e) -> assertThat(data(e)).contains("\"state\":\"reconnecting\",\"attempt\":1"))
			.thenCancel()
			.verify(WAIT);
		assertThat(state("reconnecting")).isEqualTo(1);
	}

	@Test
	void reconnectsAreCountedWhenJoinedAgainNotWhenLost() {
		hub("presence_state", "{}");
		this.session.upstreamConnecting(UpstreamState.RECONNECTING, 1, "socket closed");
		assertThat(this.session.info().reconnects()).isZero();
		this.session.upstreamFailed(1, "could not connect");
		this.session.upstreamConnecting(UpstreamState.RECONNECTING, 2, "could not connect");
		hub("presence_state", "{}");
		assertThat(this.session.info().reconnects()).isEqualTo(1);
		assertThat(this.registry.get(RoomMetrics.RECONNECTS).counter().count()).isEqualTo(1);
		assertThat(state("joined")).isEqualTo(1);
	}

	@Test
	void presenceReadAfterTheFirstStateIsConsistentWithItsSnapshotEvent() {
		this.session.upstreamConnecting(UpstreamState.CONNECTING, 1, null);
		hub("presence_state", "{\"robin\":{\"metas\":[{\"phx_ref\":\"r1\",\"typing\":false}]}}");
		String last = this.session.info().lastEventId();
		StepVerifier.create(this.session.presence())
			.assertNext((snapshot) -> assertThat(snapshot.lastEventId()).isEqualTo(last).isEqualTo("e1-2"))
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void malformedPayloadsAreCountedAndDroppedWithoutAnEvent() {
		hub("presence_state", "{}");
		StepVerifier.create(this.session.subscribe(null, EnumSet.allOf(EventType.class)))
			.assertNext((e) -> assertThat(e.type()).isEqualTo(EventType.PRESENCE))
			.then(() -> hub("presence_diff", "{\"joins\":\"nope\",\"leaves\":{}}"))
			.then(() -> hub("presence_diff", "[1,2]"))
			.then(() -> hub("shout", "\"not an object\""))
			.then(() -> hub("shout", "{\"body\":\"fine\",\"channel\":\"lobby\",\"name\":\"robin\"}"))
			.assertNext((e) -> assertThat(data(e)).contains("\"body\":\"fine\""))
			.thenCancel()
			.verify(WAIT);
		assertThat(this.registry.get(RoomMetrics.MALFORMED).functionCounter().count()).isEqualTo(3);
	}

	private double state(String state) {
		return this.registry.get(RoomMetrics.STATE).tag("state", state).gauge().value();
	}

	private void hub(String event, String payload) {
		Message message = V1Serializer.INSTANCE
			.decode("{\"topic\":\"room:lobby\",\"event\":\"" + event + "\",\"payload\":" + payload + ",\"ref\":null}");
		this.session.upstreamMessage(message);
	}

	private static String data(RoomEvent event) {
		List<SseEvent> parsed = new SseParser().feed(new String(event.sse(), StandardCharsets.UTF_8));
		assertThat(parsed).hasSize(1);
		return parsed.get(0).data();
	}

}
