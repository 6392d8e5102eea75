package io.hubbridge.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.V1Serializer;
import io.hubbridge.room.presence.Presence;
import io.hubbridge.support.TestProperties;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room's fan-out meters: messages in, deliveries out (per event and stream), the time
 * from a message to its events in every queue, and streams dropped for falling behind.
 */
class RoomSessionFanOutMetricsUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final MockClock clock = new MockClock();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

	private final RoomMetrics metrics = new RoomMetrics(this.registry, "lobby");

	@Test
	void messagesAndDeliveriesAreCountedOncePerEventAndStream() {
		RoomSession session = session(Map.of());
		this.metrics.subscribers(session);
		List<RoomEvent> first = new ArrayList<>();
		List<RoomEvent> second = new ArrayList<>();
		Disposable one = session.subscribe(null, EnumSet.allOf(EventType.class)).subscribe(first::add);
		Disposable two = session.subscribe(null, EnumSet.allOf(EventType.class)).subscribe(second::add);
		assertThat(gauge(RoomMetrics.SUBSCRIBERS)).isEqualTo(2);
		// joined (proved by the message) and the presence snapshot, each to two streams
		hub(session, "presence_state", "{}");
		hub(session, "shout", "{\"body\":\"hi\",\"channel\":\"lobby\",\"name\":\"robin\"}");
		assertThat(count(RoomMetrics.RECEIVED)).isEqualTo(2);
		assertThat(count(RoomMetrics.DELIVERED)).isEqualTo(6);
		assertThat(this.registry.get(RoomMetrics.FAN_OUT).timer().count()).isEqualTo(3);
		// an event of the upstream's own, not of a message: delivered, not timed
		session.upstreamConnecting(UpstreamState.RECONNECTING, 1, "socket closed");
		assertThat(count(RoomMetrics.DELIVERED)).isEqualTo(8);
		assertThat(this.registry.get(RoomMetrics.FAN_OUT).timer().count()).isEqualTo(3);
		// each stream got its snapshot first, then the four events
		assertThat(first).hasSize(5);
		assertThat(second).hasSize(5);
		one.dispose();
		two.dispose();
		assertThat(gauge(RoomMetrics.SUBSCRIBERS)).isZero();
	}

	@Test
	void aMessageWithoutStreamsIsCountedButNotTimed() {
		RoomSession session = session(Map.of());
		hub(session, "presence_state", "{}");
		assertThat(count(RoomMetrics.RECEIVED)).isEqualTo(1);
		assertThat(count(RoomMetrics.DELIVERED)).isZero();
		assertThat(this.registry.get(RoomMetrics.FAN_OUT).timer().count()).isZero();
	}

	@Test
	void fanOutTimeRunsFromTheMessageToTheQueues() {
		// presence keys are read while the message is handled: time passing there shows
		RoomSession session = session(Map.of(), (key) -> {
			this.clock.add(Duration.ofMillis(7));
			return true;
		});
		Disposable stream = session.subscribe(null, EnumSet.allOf(EventType.class)).subscribe();
		hub(session, "presence_state", "{\"robin\":{\"metas\":[{\"phx_ref\":\"r1\",\"typing\":false}]}}");
		assertThat(this.registry.get(RoomMetrics.FAN_OUT).timer().max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(7);
		stream.dispose();
	}

	@Test
	void aStreamThatFallsBehindIsCountedAsDroppedOnce() {
		RoomSession session = session(Map.of("bridge.rooms.subscriber-queue", "4"));
		hub(session, "presence_state", "{}");
		StepVerifier.create(session.subscribe(null, EnumSet.of(EventType.SHOUT)), 0).expectSubscription().then(() -> {
			for (int i = 0; i < 10; i++) {
				hub(session, "shout", "{\"body\":\"b" + i + "\"}");
			}
		}).expectError(SlowSubscriberException.class).verify(WAIT);
		assertThat(count(RoomMetrics.DROPPED)).isEqualTo(1);
		assertThat(this.registry.get(RoomMetrics.DROPPED).counter().getId().getTag("room")).isEqualTo("lobby");
	}

	private RoomSession session(Map<String, String> overrides) {
		return session(overrides, (key) -> true);
	}

	private RoomSession session(Map<String, String> overrides, java.util.function.Predicate<String> reported) {
		return new RoomSession("lobby", "e1", TestProperties.bind(overrides).rooms(), new Presence(reported),
				new SseFrames(JsonMapper.builder().build()),
				Clock.fixed(Instant.parse("2026-11-27T23:11:25Z"), ZoneOffset.UTC), () -> {
				}, this.metrics);
	}

	private double count(String meter) {
		return this.registry.get(meter).tag("room", "lobby").counter().count();
	}

	private double gauge(String meter) {
		return this.registry.get(meter).tag("room", "lobby").gauge().value();
	}

	private static void hub(RoomSession session, String event, String payload) {
		Message message = V1Serializer.INSTANCE
			.decode("{\"topic\":\"room:lobby\",\"event\":\"" + event + "\",\"payload\":" + payload + ",\"ref\":null}");
		session.upstreamMessage(message);
	}

}
