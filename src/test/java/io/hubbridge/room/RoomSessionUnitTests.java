package io.hubbridge.room;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.V1Serializer;
import io.hubbridge.room.presence.Presence;
import io.hubbridge.support.SseEvent;
import io.hubbridge.support.SseParser;
import io.hubbridge.support.TestProperties;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A room session fed Hub's messages directly, without sockets. */
class RoomSessionUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final String ROBIN = """
			"robin":{"metas":[{"phx_ref":"r1","typing":false,"username":"robin"}]}""";

	private static final String BRIDGE = """
			"hub-bridge":{"metas":[{"phx_ref":"b1","typing":false,"username":"hub-bridge"}]}""";

	private final AtomicInteger idleCalls = new AtomicInteger();

	private RoomSession session = session(Map.of());

	@Test
	void newSubscriberFirstGetsThePresenceSnapshot() {
		hub("presence_state", "{" + ROBIN + "}");
		StepVerifier.create(this.session.subscribe(null, EnumSet.allOf(EventType.class))).assertNext((event) -> {
			SseEvent sse = sse(event);
			assertThat(sse.event()).isEqualTo("presence");
			assertThat(sse.data()).contains("\"users\":[{\"username\":\"robin\",\"typing\":false,\"connections\":1}]");
			assertThat(sse.id()).isEqualTo(event.id().toString());
		}).thenCancel().verify(WAIT);
	}

	@Test
	void firstJoinEmitsOnlyTheSnapshotThenDiffsBecomeUserEvents() {
		this.session.upstreamConnecting(UpstreamState.CONNECTING, 1, null);
		StepVerifier.create(this.session.subscribe(null, EnumSet.allOf(EventType.class)))
			.expectNextMatches((e) -> e.type() == EventType.PRESENCE)
			.then(() -> hub("presence_state", "{" + ROBIN + "}"))
			.assertNext((e) -> assertThat(sse(e).data()).contains("\"state\":\"joined\""))
			.assertNext((e) -> assertThat(sse(e).event()).isEqualTo("presence"))
			.then(() -> hub("presence_diff", "{\"joins\":{" + BRIDGE + "},\"leaves\":{}}"))
			.then(() -> hub("presence_diff",
					"""
							{"joins":{"robin2":{"metas":[{"phx_ref":"x1","typing":false,"username":"robin2"}]}},"leaves":{}}"""))
			.assertNext((e) -> assertThat(sse(e).data()).isEqualTo("{\"room\":\"lobby\",\"username\":\"robin2\"}"))
			.then(() -> hub("presence_diff",
					"""
							{"joins":{"robin2":{"metas":[{"phx_ref":"x2","phx_ref_prev":"x1","typing":true,"username":"robin2"}]}},
							"leaves":{"robin2":{"metas":[{"phx_ref":"x1","typing":false,"username":"robin2"}]}}}"""))
			.assertNext((e) -> assertThat(sse(e).data())
				.isEqualTo("{\"room\":\"lobby\",\"username\":\"robin2\",\"typing\":true}"))
			.then(() -> hub("presence_diff", """
					{"joins":{},"leaves":{"robin2":{"metas":[{"phx_ref":"x2","typing":true,"username":"robin2"}]}}}"""))
			.assertNext((e) -> assertThat(sse(e).event()).isEqualTo("leave"))
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void diffsThatArriveBeforeThePresenceStateAreAppliedAfterIt() {
		this.session.upstreamConnecting(UpstreamState.CONNECTING, 1, null);
		hub("presence_diff", """
				{"joins":{"robin2":{"metas":[{"phx_ref":"x1","typing":false,"username":"robin2"}]}},"leaves":{}}""");
		hub("presence_state", "{" + ROBIN + "}");
		StepVerifier.create(this.session.presence())
			.assertNext((snapshot) -> assertThat(snapshot.users()).extracting("username")
				.containsExactly("robin", "robin2"))
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void rejoinSaysWhatChangedWhileTheBridgeWasAway() {
		this.session.upstreamConnecting(UpstreamState.CONNECTING, 1, null);
		hub("presence_state", "{" + ROBIN + ",\"gone\":{\"metas\":[{\"phx_ref\":\"g1\",\"typing\":false}]}}");
		EventId before = currentId();
		StepVerifier.create(this.session.subscribe(before.toString(), EnumSet.allOf(EventType.class)))
			.then(() -> this.session.upstreamConnecting(UpstreamState.RECONNECTING, 1, "socket closed"))
			.assertNext((e) -> assertThat(sse(e).data()).isEqualTo(
					"{\"room\":\"lobby\",\"state\":\"reconnecting\",\"attempt\":1,\"reason\":\"socket closed\"}"))
			.then(() -> hub("presence_state",
					"{" + ROBIN + ",\"new\":{\"metas\":[{\"phx_ref\":\"n1\",\"typing\":true}]}}"))
			.assertNext((e) -> assertThat(sse(e).data()).contains("\"state\":\"joined\""))
			.assertNext((e) -> assertThat(e.type()).isEqualTo(EventType.PRESENCE))
			.assertNext((e) -> assertThat(sse(e).data()).isEqualTo("{\"room\":\"lobby\",\"username\":\"gone\"}"))
			.assertNext((e) -> assertThat(sse(e).data()).isEqualTo("{\"room\":\"lobby\",\"username\":\"new\"}"))
			.assertNext((e) -> assertThat(sse(e).data())
				.isEqualTo("{\"room\":\"lobby\",\"username\":\"new\",\"typing\":true}"))
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void eventIdsIncreaseByOneAndResumeReplaysExactlyWhatWasMissed() {
		hub("presence_state", "{}");
		EventId resumeFrom = currentId();
		for (int i = 1; i <= 3; i++) {
			hub("shout", "{\"body\":\"b" + i + "\",\"channel\":\"lobby\",\"name\":\"robin\"}");
		}
		StepVerifier.create(this.session.subscribe(resumeFrom.toString(), EnumSet.allOf(EventType.class)))
			.assertNext((e) -> assertThat(e.id().seq()).isEqualTo(resumeFrom.seq() + 1))
			.assertNext((e) -> assertThat(e.id().seq()).isEqualTo(resumeFrom.seq() + 2))
			.assertNext((e) -> assertThat(sse(e).data()).contains("\"body\":\"b3\""))
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void resumeFromLostHistoryGetsAResetAndAFreshSnapshot() {
		this.session = session(Map.of("bridge.rooms.replay-events", "2"));
		hub("presence_state", "{}");
		EventId old = currentId();
		for (int i = 1; i <= 5; i++) {
			hub("shout", "{\"body\":\"b" + i + "\"}");
		}
		StepVerifier.create(this.session.subscribe(old.toString(), EnumSet.allOf(EventType.class)))
			.assertNext((e) -> assertThat(sse(e).data()).contains("\"reason\":\"history-lost\""))
			.assertNext((e) -> assertThat(e.type()).isEqualTo(EventType.PRESENCE))
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void shoutPayloadsKeepExtraFieldsAndSurviveMissingOnes() {
		hub("presence_state", "{}");
		StepVerifier.create(this.session.subscribe(null, EnumSet.of(EventType.SHOUT)))
			.then(() -> hub("shout", "{\"body\":\"hi\",\"channel\":\"lobby\",\"name\":\"robin\",\"n\":1.5}"))
			.assertNext((e) -> assertThat(sse(e).data()).matches(
					"\\{\"room\":\"lobby\",\"name\":\"robin\",\"body\":\"hi\",\"receivedAt\":\"[^\"]+\",\"extra\":\\{\"n\":1.5}}"))
			.then(() -> hub("shout", "{}"))
			.assertNext((e) -> assertThat(sse(e).data()).contains("\"name\":null,\"body\":null"))
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void subscriberThatCannotKeepUpIsDisconnectedWithoutHoldingUpOthers() {
		this.session = session(Map.of("bridge.rooms.subscriber-queue", "8"));
		hub("presence_state", "{}");
		StepVerifier fast = StepVerifier.create(this.session.subscribe(null, EnumSet.of(EventType.SHOUT)))
			.expectNextCount(20)
			.thenCancel()
			.verifyLater();
		StepVerifier.create(this.session.subscribe(null, EnumSet.of(EventType.SHOUT)), 0)
			.expectSubscription()
			.then(() -> {
				for (int i = 0; i < 20; i++) {
					hub("shout", "{\"body\":\"b" + i + "\"}");
				}
			})
			// dropped at once, with what it had queued: the error needs no demand (a
			// request here would race the error, which comes from another thread)
			.expectError(SlowSubscriberException.class)
			.verify(WAIT);
		fast.verify(WAIT);
		assertThat(this.session.subscriberCount()).isZero();
		assertThat(this.idleCalls.get()).as("the room was told it is idle").isPositive();
	}

	@Test
	void theBridgesOwnUserIsNeverReported() {
		hub("presence_state", "{" + ROBIN + "," + BRIDGE + "}");
		StepVerifier.create(this.session.presence()).assertNext((snapshot) -> {
			assertThat(snapshot.users()).extracting("username").containsExactly("robin");
			assertThat(snapshot.count()).isEqualTo(1);
		}).expectComplete().verify(WAIT);
	}

	private RoomSession session(Map<String, String> overrides) {
		Clock clock = Clock.fixed(Instant.parse("2026-11-27T23:11:25Z"), ZoneOffset.UTC);
		SseFrames frames = new SseFrames(JsonMapper.builder().build());
		Presence presence = new Presence((key) -> !key.equals("hub-bridge"));
		return new RoomSession("lobby", "e1", TestProperties.bind(overrides).rooms(), presence, frames, clock,
				this.idleCalls::incrementAndGet);
	}

	private void hub(String event, String payload) {
		Message message = V1Serializer.INSTANCE
			.decode("{\"topic\":\"room:lobby\",\"event\":\"" + event + "\",\"payload\":" + payload + ",\"ref\":null}");
		this.session.upstreamMessage(message);
	}

	private EventId currentId() {
		return EventId.parse(this.session.info().lastEventId()).orElseThrow();
	}

	private static SseEvent sse(RoomEvent event) {
		List<SseEvent> parsed = new SseParser().feed(new String(event.sse(), StandardCharsets.UTF_8));
		assertThat(parsed).hasSize(1);
		return parsed.get(0);
	}

}
