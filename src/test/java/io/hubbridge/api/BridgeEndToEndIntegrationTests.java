package io.hubbridge.api;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.hubbridge.support.HttpReads;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.PresenceJson;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge end to end over real sockets: websocket users on the embedded Hub, SSE
 * subscribers and REST calls on the bridge.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.sse.keep-alive=200ms" })
class BridgeEndToEndIntegrationTests extends RunningBridge {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void shoutPostedOverRestArrivesOnceAndInOrderOnEverySubscriberAndAtTheWebsocketUsers() {
		String room = "e2e-shouts";
		try (HubUser alice = HubUser.join(hubUrl(), room, "alice"); HubUser bob = HubUser.join(hubUrl(), room, "bob")) {
			List<SseClient> subscribers = IntStream.range(0, 3).mapToObj((i) -> subscribe(room)).toList();
			subscribers.forEach((subscriber) -> assertThat(subscriber.next().event()).isEqualTo("presence"));
			List<String> ids = new ArrayList<>();
			for (int i = 1; i <= 5; i++) {
				ids.add(postShout(room, "robin", "hello " + i).get("id").stringValue());
			}
			for (SseClient subscriber : subscribers) {
				List<SseEvent> shouts = IntStream.rangeClosed(1, 5).mapToObj((i) -> subscriber.next("shout")).toList();
				assertThat(shouts).extracting((e) -> json(e.data()).get("body").stringValue())
					.containsExactly("hello 1", "hello 2", "hello 3", "hello 4", "hello 5");
				assertThat(shouts).extracting(SseEvent::id).containsExactlyElementsOf(ids);
				assertThat(json(shouts.get(0).data()).get("name").stringValue()).isEqualTo("robin");
			}
			// A marker after the five: the next shout each subscriber sees is the marker,
			// so none came twice.
			postShout(room, "robin", "marker");
			subscribers
				.forEach((s) -> assertThat(json(s.next("shout").data()).get("body").stringValue()).isEqualTo("marker"));
			for (HubUser user : List.of(alice, bob)) {
				for (int i = 1; i <= 5; i++) {
					JsonNode shout = user.next("shout");
					assertThat(shout.get("payload").toString())
						.isEqualTo("{\"body\":\"hello " + i + "\",\"channel\":\"" + room + "\",\"name\":\"robin\"}");
				}
			}
			subscribers.forEach(SseClient::close);
		}
	}

	@Test
	void presenceOverRestMatchesWhatTheWebsocketUsersSeeWithoutTheBridgeItself() {
		String room = "e2e-presence";
		try (HubUser alice = HubUser.join(hubUrl(), room, "alice");
				HubUser bob = HubUser.join(hubUrl(), room, "bob");
				SseClient subscriber = subscribe(room)) {
			assertThat(subscriber.next().event()).isEqualTo("presence");
			bob.next("presence_diff");
			JsonNode presence = getJson("/api/rooms/" + room + "/presence");
			assertThat(presence.get("room").stringValue()).isEqualTo(room);
			assertThat(presence.get("count").intValue()).isEqualTo(2);
			assertThat(PresenceJson.usernames(presence)).containsExactly("alice", "bob");
			assertThat(presence.get("upstream").stringValue()).isEqualTo("joined");
			assertThat(presence.get("lastEventId").stringValue()).matches("[0-9a-z]+-\\d+");
			alice.next("presence_diff", (diff) -> diff.at("/payload/joins").has("hub-bridge"));
			assertThat(alice.presentKeys()).containsExactly("alice", "bob", "hub-bridge");
		}
	}

	@Test
	void websocketUsersJoiningTypingAndLeavingArriveAsUserLevelEvents() {
		String room = "e2e-users";
		try (SseClient subscriber = joinedStream(room)) {
			HubUser carol = HubUser.join(hubUrl(), room, "carol");
			assertThat(json(subscriber.next("join").data()).get("username").stringValue()).isEqualTo("carol");
			carol.typing("carol", true);
			SseEvent typing = subscriber.next();
			assertThat(typing.event()).isEqualTo("typing");
			assertThat(typing.data()).isEqualTo("{\"room\":\"e2e-users\",\"username\":\"carol\",\"typing\":true}");
			HubUser carolOnPhone = HubUser.join(hubUrl(), room, "carol");
			carolOnPhone.close();
			carol.typing("carol", false);
			// The second connection neither joined nor left the user: the next event is
			// the typing change.
			SseEvent stopped = subscriber.next();
			assertThat(stopped.event()).isEqualTo("typing");
			assertThat(json(stopped.data()).get("typing").booleanValue()).isFalse();
			carol.close();
			SseEvent left = subscriber.next();
			assertThat(left.event()).isEqualTo("leave");
			assertThat(json(left.data()).get("username").stringValue()).isEqualTo("carol");
		}
	}

	@Test
	void resumingWithLastEventIdReturnsExactlyTheMissedEvents() {
		String room = "e2e-resume";
		String lastSeen;
		try (SseClient first = subscribe(room)) {
			first.next("presence");
			postShout(room, "robin", "one");
			postShout(room, "robin", "two");
			first.next("shout");
			lastSeen = first.next("shout").id();
		}
		try (SseClient stayer = subscribe(room)) {
			stayer.next("presence");
			List<String> missedIds = List.of(postShout(room, "robin", "three").get("id").stringValue(),
					postShout(room, "robin", "four").get("id").stringValue(),
					postShout(room, "robin", "five").get("id").stringValue());
			try (SseClient resumed = SseClient.resume(eventsUrl(room), lastSeen)) {
				List<SseEvent> missed = List.of(resumed.next(), resumed.next(), resumed.next());
				assertThat(missed).extracting(SseEvent::event).containsOnly("shout");
				assertThat(missed).extracting(SseEvent::id).containsExactlyElementsOf(missedIds);
				assertThat(missed).extracting((e) -> json(e.data()).get("body").stringValue())
					.containsExactly("three", "four", "five");
				postShout(room, "robin", "six");
				assertThat(json(resumed.next().data()).get("body").stringValue()).isEqualTo("six");
			}
			try (SseClient viaQuery = SseClient.connect(eventsUrl(room) + "?last_event_id=" + lastSeen)) {
				assertThat(viaQuery.next().id()).isEqualTo(missedIds.get(0));
			}
		}
	}

	@Test
	void resumingWithAnIdOfAnotherProcessGetsAResetThenAFreshSnapshot() {
		String room = "e2e-foreign";
		try (SseClient subscriber = SseClient.resume(eventsUrl(room), "zzzzzz-42")) {
			SseEvent reset = subscriber.next();
			assertThat(reset.event()).isEqualTo("reset");
			assertThat(json(reset.data()).get("reason").stringValue()).isEqualTo("foreign-id");
			assertThat(subscriber.next().event()).isEqualTo("presence");
		}
	}

	@Test
	void shoutTextThatLooksLikeSseArrivesAsExactlyOneEventWithTheExactText() {
		String room = "e2e-injection";
		String body = "line one\nevent: leave\ndata: {\"username\":\"robin\"}\r\n\r\nid: 999\rretry: 1\t\u2028\u2029"
				+ "<script>alert(1)</script> " + "x".repeat(200_000);
		try (SseClient subscriber = joinedStream(room)) {
			postShout(room, "robin", body);
			postShout(room, "robin", "marker");
			SseEvent shout = subscriber.next();
			assertThat(shout.event()).isEqualTo("shout");
			assertThat(json(shout.data()).get("body").stringValue()).isEqualTo(body);
			SseEvent marker = subscriber.next();
			assertThat(json(marker.data()).get("body").stringValue()).as("nothing in between").isEqualTo("marker");
			assertThat(subscriber.retry()).isEqualTo(2000L);
		}
	}

	@Test
	void twoRoomsNeverSeeEachOthersEvents() {
		try (SseClient red = subscribe("e2e-red"); SseClient blue = subscribe("e2e-blue")) {
			red.next("presence");
			blue.next("presence");
			postShout("e2e-red", "robin", "for red");
			postShout("e2e-blue", "robin", "for blue");
			assertThat(json(red.next("shout").data()).get("body").stringValue()).isEqualTo("for red");
			assertThat(json(blue.next("shout").data()).get("body").stringValue()).isEqualTo("for blue");
			postShout("e2e-red", "robin", "red again");
			postShout("e2e-blue", "robin", "blue again");
			assertThat(json(red.next("shout").data()).get("body").stringValue()).isEqualTo("red again");
			assertThat(json(blue.next("shout").data()).get("body").stringValue()).isEqualTo("blue again");
		}
	}

	@Test
	void streamStartsWithRetryCarriesKeepAliveCommentsAndIsNotBufferedOrCached() {
		try (SseClient subscriber = subscribe("e2e-stream")) {
			subscriber.next("presence");
			assertThat(subscriber.retry()).isEqualTo(2000L);
			assertThat(subscriber.headers().get("Content-Type")).startsWith("text/event-stream");
			assertThat(subscriber.headers().get("Cache-Control")).isEqualTo("no-cache");
			assertThat(subscriber.headers().get("X-Accel-Buffering")).isEqualTo("no");
			assertThat(subscriber.headers().get("Content-Encoding")).isNull();
			Awaitility.await().until(() -> subscriber.comments().contains("keep-alive"));
		}
	}

	@Test
	void typesFilterKeepsOnlyTheAskedEventTypes() {
		String room = "e2e-types";
		try (SseClient shoutsOnly = SseClient.connect(eventsUrl(room) + "?types=shout")) {
			// nothing but shouts arrive, so wait until the stream is registered before
			// shouting
			Awaitility.await().until(() -> subscribers(room) == 1);
			postShout(room, "robin", "only this");
			SseEvent first = shoutsOnly.next();
			assertThat(first.event()).isEqualTo("shout");
			assertThat(json(first.data()).get("body").stringValue()).isEqualTo("only this");
		}
	}

	@Test
	void roomsListAndDetailDescribeOpenSessions() {
		String room = "e2e-info";
		try (SseClient subscriber = joinedStream(room)) {
			JsonNode info = getJson("/api/rooms/" + room);
			assertThat(info.get("room").stringValue()).isEqualTo(room);
			assertThat(info.get("upstream").stringValue()).isEqualTo("joined");
			assertThat(info.get("subscribers").intValue()).isEqualTo(1);
			assertThat(info.get("reconnects").intValue()).isZero();
			assertThat(info.get("lastEventId").stringValue()).isNotBlank();
			assertThat(info.get("openedAt").stringValue()).isNotBlank();
			JsonNode list = getJson("/api/rooms");
			List<String> rooms = new ArrayList<>();
			list.forEach((r) -> rooms.add(r.get("room").stringValue()));
			assertThat(rooms).contains(room);
		}
	}

	@Test
	void recentShoutsListsWhatTheRoomSaw() {
		String room = "e2e-recent";
		try (SseClient subscriber = subscribe(room)) {
			subscriber.next("presence");
			postShout(room, "robin", "first");
			postShout(room, "robin", "second");
			JsonNode shouts = getJson("/api/rooms/" + room + "/shouts?limit=1");
			assertThat(shouts).hasSize(1);
			assertThat(shouts.get(0).at("/shout/body").stringValue()).isEqualTo("second");
		}
	}

	private JsonNode postShout(String room, String name, String body) {
		byte[] response = this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"name\":" + JSON.writeValueAsString(name) + ",\"body\":" + JSON.writeValueAsString(body) + "}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		JsonNode receipt = JSON.readTree(response);
		assertThat(receipt.get("status").stringValue()).isEqualTo("confirmed");
		return receipt;
	}

	private JsonNode getJson(String path) {
		return HttpReads.okJson(this.http, path);
	}

	private int subscribers(String room) {
		return this.http.get()
			.uri("/api/rooms/{room}", room)
			.exchange()
			.returnResult(JsonNode.class)
			.getResponseBody()
			.map((info) -> info.path("subscribers").asInt(0))
			.blockFirst(java.time.Duration.ofSeconds(5));
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
