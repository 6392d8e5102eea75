package io.hubbridge.upstream;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.support.HttpReads;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.PresenceJson;
import io.hubbridge.support.NettyLeaks;
import io.hubbridge.support.ScriptedUpstream;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import io.hubbridge.support.Resources;
import io.hubbridge.support.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real upstream failures, and what an SSE subscriber sees of them, in order: the bridge
 * reaches Hub through a {@link TcpProxy} that cuts, stalls and refuses connections, in
 * front of an embedded Hub that the tests stop and restart; a {@link ScriptedUpstream}
 * behind the same proxy refuses joins or sends garbage. Heartbeats every 500 ms make a
 * stall show quickly. A test fails if Netty reports a leaked buffer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.hub.heartbeat-interval=500ms",
				"bridge.hub.connect-timeout=2s", "bridge.hub.join-timeout=2s", "bridge.rooms.join-wait=1s",
				"bridge.rooms.grace-period=1s" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class UpstreamFaultIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration HEARTBEAT = Duration.ofMillis(500);

	private static final Duration OUTAGE_LIMIT = Duration.ofSeconds(30);

	private static final EmbeddedHub hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofSeconds(45));

	private static final TcpProxy proxy;

	static {
		hub.start();
		proxy = TcpProxy.to(hub.port());
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private WebTestClient http;

	private final Resources resources = new Resources();

	@DynamicPropertySource
	static void upstreamThroughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("bridge.hub.url", () -> "ws://127.0.0.1:" + proxy.port() + "/socket/websocket");
	}

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer().baseUrl(base()).responseTimeout(Duration.ofSeconds(15)).build();
	}

	@AfterEach
	void heal(CapturedOutput output) throws Exception {
		this.resources.closeAll();
		proxy.accept();
		proxy.restore();
		proxy.slow(Duration.ZERO);
		proxy.retarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), hub.port()));
		if (!hub.isRunning()) {
			hub.start();
		}
		NettyLeaks.assertNoneReported(output);
	}

	@AfterAll
	static void stopUpstream() {
		proxy.close();
		hub.stop();
	}

	@Test
	void cutConnectionIsReconnectedAndPresenceReconciledWithExactlyWhatChangedMeanwhile() {
		String room = "fault-cut";
		HubUser alice = track(HubUser.join(hub.socketUrl(), room, "alice"));
		HubUser bob = track(HubUser.join(hub.socketUrl(), room, "bob"));
		SseClient stream = settledStream(room);
		proxy.refuse();
		proxy.cut();
		Upstream lost = upstream(stream.next());
		assertThat(lost.state()).isEqualTo("reconnecting");
		assertThat(lost.attempt()).isEqualTo(1);
		assertThat(lost.reason()).startsWith("socket closed");
		// while the bridge cannot get back (Hub dropped its user too): alice leaves,
		// carol joins, bob stays
		alice.close();
		track(HubUser.join(hub.socketUrl(), room, "carol"));
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> bob.presentKeys().equals(List.of("bob", "carol")));
		proxy.accept();
		List<Upstream> recovery = upstreamUntilJoined(stream, lost);
		SseEvent snapshot = stream.next();
		assertThat(snapshot.event()).isEqualTo("presence");
		assertThat(PresenceJson.usernames(json(snapshot.data()))).containsExactly("bob", "carol");
		assertThat(json(snapshot.data()).get("upstream").stringValue()).isEqualTo("joined");
		assertUserEvent(stream.next(), "leave", "alice");
		assertUserEvent(stream.next(), "join", "carol");
		postShout(room, "marker");
		SseEvent marker = stream.next();
		assertThat(marker.event()).as("nothing for bob, who stayed").isEqualTo("shout");
		assertThat(stream.isClosed()).isFalse();
		JsonNode detail = getJson("/api/rooms/" + room);
		assertThat(detail.get("reconnects").intValue()).isEqualTo(1);
		assertThat(detail.get("upstream").stringValue()).isEqualTo("joined");
		long failedAttempts = recovery.stream().filter((event) -> event.state().equals("failed")).count();
		assertThat(reconnects(room)).isEqualTo(1);
		assertThat(failures(room, "closed")).isEqualTo(1);
		assertThat(failures(room, "connect")).isEqualTo(failedAttempts);
		assertThat(state(room, "joined")).isEqualTo(1);
	}

	@Test
	void stalledConnectionIsDetectedWithinAboutAHeartbeatIntervalAndReplaced() {
		String room = "fault-stall";
		SseClient stream = settledStream(room);
		long stalledAt = System.nanoTime();
		proxy.blackHole();
		Upstream lost = upstream(stream.next());
		Duration detectedAfter = Duration.ofNanos(System.nanoTime() - stalledAt);
		assertThat(lost.state()).isEqualTo("reconnecting");
		assertThat(lost.reason()).startsWith("heartbeat timeout");
		// an unanswered heartbeat is noticed when the next is due: 1 to 2 intervals
		assertThat(detectedAfter).isLessThan(HEARTBEAT.multipliedBy(5));
		proxy.restore();
		upstreamUntilJoined(stream, lost);
		assertThat(stream.next().event()).isEqualTo("presence");
		postShout(room, "after the stall");
		assertThat(json(stream.next().data()).get("body").stringValue()).isEqualTo("after the stall");
		assertThat(failures(room, "heartbeat")).isEqualTo(1);
		assertThat(reconnects(room)).isEqualTo(1);
	}

	@Test
	void slowNetworkDelaysEventsButLosesNoneAndKeepsTheSessionJoined() {
		String room = "fault-slow";
		SseClient stream = settledStream(room);
		// slower than a quick network, well within the 500 ms heartbeat check
		proxy.slow(Duration.ofMillis(100));
		for (int i = 1; i <= 5; i++) {
			postShout(room, "slow " + i);
		}
		for (int i = 1; i <= 5; i++) {
			SseEvent event = stream.next();
			assertThat(event.event()).as("no upstream change on a slow network").isEqualTo("shout");
			assertThat(json(event.data()).get("body").stringValue()).isEqualTo("slow " + i);
		}
		assertThat(reconnects(room)).isZero();
		assertThat(failures(room, "heartbeat")).isZero();
	}

	@Test
	void hubRestartIsSeenAsTheUpstreamGoingAndComingBackWithHubsFreshPresence() {
		String room = "fault-restart";
		track(HubUser.join(hub.socketUrl(), room, "alice"));
		SseClient stream = settledStream(room);
		hub.stop();
		Upstream lost = upstream(stream.next());
		assertThat(lost.state()).isEqualTo("reconnecting");
		assertThat(lost.reason()).contains("phx_error");
		hub.start();
		upstreamUntilJoined(stream, lost);
		SseEvent snapshot = stream.next();
		assertThat(snapshot.event()).isEqualTo("presence");
		assertThat(PresenceJson.usernames(json(snapshot.data()))).as("Hub forgot everyone").isEmpty();
		assertUserEvent(stream.next(), "leave", "alice");
		track(HubUser.join(hub.socketUrl(), room, "alice"));
		assertUserEvent(stream.next(), "join", "alice");
		assertThat(failures(room, "channel-error")).isEqualTo(1);
		assertThat(getJson("/api/rooms/" + room).get("reconnects").intValue()).isEqualTo(1);
	}

	@Test
	void unreachableHubLeavesStreamsOpenReportsEveryFailedAttemptAndJoinsOnceReachable() {
		String room = "fault-unreachable";
		proxy.refuse();
		SseClient stream = track(SseClient.connect(eventsUrl(room)));
		SseEvent first = stream.next();
		assertThat(first.event()).isEqualTo("presence");
		assertThat(json(first.data()).get("upstream").stringValue()).isIn("connecting", "failed", "reconnecting");
		List<Upstream> failing = new ArrayList<>();
		while (failing.isEmpty() || !(failing.get(failing.size() - 1).state().equals("failed")
				&& failing.get(failing.size() - 1).attempt() >= 3)) {
			failing.add(upstream(stream.next()));
		}
		assertTruthful(failing);
		assertThat(failing).filteredOn((event) -> event.state().equals("failed"))
			.allSatisfy((event) -> assertThat(event.reason()).isNotBlank());
		this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"anyone?\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:upstream-unavailable");
		JsonNode detail = getJson("/api/rooms/" + room);
		assertThat(detail.get("upstream").stringValue()).isIn("failed", "reconnecting");
		assertThat(detail.get("reason").stringValue()).isNotBlank();
		assertThat(detail.get("attempt").intValue()).isGreaterThanOrEqualTo(3);
		assertThat(failures(room, "connect")).isGreaterThanOrEqualTo(3);
		assertThat(state(room, "joined")).isZero();
		proxy.accept();
		List<Upstream> recovery = upstreamUntilJoined(stream, failing.get(failing.size() - 1));
		assertThat(recovery.get(recovery.size() - 1).attempt()).isGreaterThan(3);
		assertThat(stream.next().event()).isEqualTo("presence");
		assertThat(state(room, "joined")).isEqualTo(1);
		assertThat(reconnects(room)).as("joined for the first time").isZero();
	}

	@Test
	void joinRefusedByHubIsReportedAndRetriedOnTheRejoinSchedule() throws InterruptedException {
		String room = "fault-refused";
		ScriptedUpstream scripted = track(new ScriptedUpstream().refuseJoins(2));
		proxy.retarget(scripted.address());
		SseClient stream = track(SseClient.connect(eventsUrl(room)));
		assertThat(stream.next().event()).isEqualTo("presence");
		List<Upstream> events = new ArrayList<>();
		do {
			events.add(upstream(stream.next()));
		}
		while (!events.get(events.size() - 1).state().equals("joined"));
		assertTruthful(events);
		// attempt 1 may have failed before the stream was registered; joining on attempt
		// 3 (below) says both failed
		assertThat(events).filteredOn((event) -> event.state().equals("failed"))
			.extracting(Upstream::attempt)
			.isIn(List.of(1, 2), List.of(2));
		assertThat(events).filteredOn((event) -> event.state().equals("failed"))
			.allSatisfy((event) -> assertThat(event.reason()).contains("join crashed"));
		assertThat(events.get(events.size() - 1).attempt()).isEqualTo(3);
		assertThat(stream.next().event()).isEqualTo("presence");
		long first = scripted.joinNanos().poll(1, TimeUnit.SECONDS);
		long second = scripted.joinNanos().poll(1, TimeUnit.SECONDS);
		long third = scripted.joinNanos().poll(1, TimeUnit.SECONDS);
		// rejoin waits 1 s then 2 s, give or take 25 %: far from the 10 ms reconnect
		assertThat(Duration.ofNanos(second - first)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
		assertThat(Duration.ofNanos(third - second)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
		assertThat(failures(room, "join-refused")).isEqualTo(2);
		assertThat(getJson("/api/rooms/" + room).get("upstream").stringValue()).isEqualTo("joined");
	}

	@Test
	void garbageFromUpstreamIsCountedLoggedOnceAndDroppedWhileTheSessionCarriesOn(CapturedOutput output) {
		String room = "fault-garbage";
		ScriptedUpstream scripted = track(new ScriptedUpstream().afterJoin("this is not JSON",
				"{\"topic\":\"TOPIC\",\"event\":\"shout\"}", new byte[] { (byte) 0xff, (byte) 0xfe, 0x00 },
				"{\"event\":\"bogus\",\"payload\":{},\"ref\":null,\"topic\":\"TOPIC\"}",
				"{\"event\":\"presence_diff\",\"payload\":{\"joins\":\"nope\",\"leaves\":{}},\"ref\":null,\"topic\":\"TOPIC\"}",
				"{\"event\":\"shout\",\"payload\":{\"body\":\"still here\",\"channel\":\"fault-garbage\",\"name\":\"hub\"},"
						+ "\"ref\":null,\"topic\":\"TOPIC\"}"));
		proxy.retarget(scripted.address());
		// the stream is registered before the upstream can join, so it sees all that
		// follows the join
		proxy.refuse();
		SseClient stream = track(SseClient.connect(eventsUrl(room)));
		assertThat(stream.next().event()).isEqualTo("presence");
		proxy.accept();
		SseEvent event = stream.next();
		while (event.event().equals("upstream") && !upstream(event).state().equals("joined")) {
			event = stream.next();
		}
		assertThat(upstream(event).state()).isEqualTo("joined");
		assertThat(stream.next().event()).isEqualTo("presence");
		SseEvent shout = stream.next();
		assertThat(shout.event()).as("no event for any malformed frame").isEqualTo("shout");
		assertThat(json(shout.data()).get("body").stringValue()).isEqualTo("still here");
		assertThat(malformedFrames(room)).isEqualTo(5);
		assertThat(getJson("/api/rooms/" + room).get("upstream").stringValue()).isEqualTo("joined");
		assertThat(failures(room, "closed") + failures(room, "channel-error")).isZero();
		assertThat(linesWith(output, "WARN", "dropped a malformed frame", "room:" + room)).hasSize(1);
		assertThat(linesWith(output, "WARN", "malformed part(s) of a presence_diff payload", "[" + room + " up-"))
			.hasSize(1);
	}

	@Test
	void roomMetersAreExportedWhileTheRoomIsOpenAndRemovedWhenItCloses() {
		String room = "fault-meters";
		SseClient stream = settledStream(room);
		String scrape = scrape();
		assertThat(scrape).contains("hub_bridge_upstream_state{room=\"" + room + "\",state=\"joined\"} 1.0")
			.contains("hub_bridge_upstream_state{room=\"" + room + "\",state=\"reconnecting\"} 0.0")
			.contains("hub_bridge_upstream_reconnects_total{room=\"" + room + "\"} 0.0")
			.contains("hub_bridge_upstream_attempt_failures_total{cause=\"heartbeat\",room=\"" + room + "\"} 0.0")
			.contains("hub_bridge_upstream_malformed_frames_total{room=\"" + room + "\"} 0.0");
		stream.close();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.getMeters()
				.stream()
				.noneMatch((meter) -> room.equals(meter.getId().getTag("room"))));
		assertThat(scrape()).doesNotContain("room=\"" + room + "\"");
	}

	// ---- streams and upstream events

	/**
	 * A stream on the room, registered and caught up with the room's joined state and
	 * presence: what it receives next happened after this call.
	 */
	private SseClient settledStream(String room) {
		SseClient stream = track(SseClient.connect(eventsUrl(room)));
		String last = stream.next().id();
		String settled = awaitPresence(room).get("lastEventId").stringValue();
		while (!settled.equals(last)) {
			last = stream.next().id();
		}
		return stream;
	}

	/**
	 * The upstream events after {@code lost} up to the join, checked to be truthful: each
	 * attempt fails or joins, attempts increase, and every failure says why.
	 */
	private List<Upstream> upstreamUntilJoined(SseClient stream, Upstream lost) {
		long deadline = System.nanoTime() + OUTAGE_LIMIT.toNanos();
		List<Upstream> events = new ArrayList<>(List.of(lost));
		while (!events.get(events.size() - 1).state().equals("joined")) {
			assertThat(System.nanoTime()).as("joined again within %s", OUTAGE_LIMIT).isLessThan(deadline);
			events.add(upstream(stream.next()));
		}
		assertTruthful(events);
		return events;
	}

	/**
	 * Consecutive upstream events tell one story: an attempt under way (connecting,
	 * reconnecting) ends as failed or joined with the same number; a failure is followed
	 * by the next attempt; only a join ends it.
	 */
	private static void assertTruthful(List<Upstream> events) {
		for (int i = 1; i < events.size(); i++) {
			Upstream previous = events.get(i - 1);
			Upstream next = events.get(i);
			switch (previous.state()) {
				case "connecting", "reconnecting" -> {
					assertThat(next.state()).as("after %s", previous).isIn("failed", "joined");
					assertThat(next.attempt()).as("after %s", previous).isEqualTo(previous.attempt());
				}
				case "failed" -> {
					assertThat(next.state()).as("after %s", previous).isEqualTo("reconnecting");
					assertThat(next.attempt()).as("after %s", previous).isEqualTo(previous.attempt() + 1);
				}
				default -> throw new AssertionError("nothing follows a join here, but " + next + " did");
			}
		}
		assertThat(events).filteredOn((event) -> !event.state().equals("joined"))
			.allSatisfy((event) -> assertThat(event.reason()).as("reason of %s", event).isNotBlank());
		assertThat(events).filteredOn((event) -> event.state().equals("joined")).hasSizeLessThanOrEqualTo(1);
	}

	private static Upstream upstream(SseEvent event) {
		assertThat(event.event()).as("an upstream event, got %s", event).isEqualTo("upstream");
		JsonNode data = json(event.data());
		JsonNode reason = data.get("reason");
		return new Upstream(data.get("state").stringValue(), data.get("attempt").intValue(),
				(reason == null || reason.isNull()) ? null : reason.stringValue());
	}

	private static void assertUserEvent(SseEvent event, String type, String username) {
		assertThat(event.event()).as("%s of %s, got %s", type, username, event).isEqualTo(type);
		assertThat(json(event.data()).get("username").stringValue()).isEqualTo(username);
	}

	private static List<String> linesWith(CapturedOutput output, String... parts) {
		return output.getAll().lines().filter((line) -> List.of(parts).stream().allMatch(line::contains)).toList();
	}

	// ---- meters

	private double reconnects(String room) {
		return this.meters.get("hub.bridge.upstream.reconnects").tag("room", room).counter().count();
	}

	private double failures(String room, String cause) {
		return this.meters.get("hub.bridge.upstream.attempt.failures")
			.tag("room", room)
			.tag("cause", cause)
			.counter()
			.count();
	}

	private double state(String room, String state) {
		return this.meters.get("hub.bridge.upstream.state").tag("room", room).tag("state", state).gauge().value();
	}

	private double malformedFrames(String room) {
		return this.meters.get("hub.bridge.upstream.malformed.frames").tag("room", room).functionCounter().count();
	}

	// ---- HTTP

	private JsonNode awaitPresence(String room) {
		AtomicReference<JsonNode> presence = new AtomicReference<>();
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			EntityExchangeResult<byte[]> result = this.http.get()
				.uri("/api/rooms/{room}/presence", room)
				.exchange()
				.expectBody()
				.returnResult();
			if (result.getStatus().value() != 200) {
				return false;
			}
			presence.set(JSON.readTree(result.getResponseBody()));
			return true;
		});
		return presence.get();
	}

	private void postShout(String room, String body) {
		this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":" + JSON.writeValueAsString(body) + "}")
			.exchange()
			.expectStatus()
			.isCreated()
			// read to the end: a body left unread keeps its buffers
			.expectBody()
			.returnResult();
	}

	private JsonNode getJson(String path) {
		return HttpReads.okJson(this.http, path);
	}

	private String scrape() {
		return HttpReads.okText(this.http, "/actuator/prometheus");
	}

	private String eventsUrl(String room) {
		return base() + "/api/rooms/" + room + "/events";
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private <T extends AutoCloseable> T track(T resource) {
		return this.resources.track(resource);
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/** The data of an {@code upstream} event. */
	record Upstream(String state, int attempt, String reason) {
	}

}
