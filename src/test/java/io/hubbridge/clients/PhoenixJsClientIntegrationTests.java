package io.hubbridge.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hubbridge.support.ExternalProcess;
import io.hubbridge.support.ExternalTools;
import io.hubbridge.support.Resources;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Phoenix JavaScript client (npm {@code phoenix} 1.8, with its
 * {@code Presence}, on Node) against the bridge's embedded Hub, with both serializers:
 * {@code src/test/js/phoenix-client.mjs} joins two users, tracks presence, types, shouts
 * and leaves, and checks each step with what Phoenix's client reports; this test checks
 * its exit and its report, and that an SSE subscriber of the bridge and the Phoenix users
 * see each other. Needs {@code node} and {@code npm ci} in {@code src/test/js} (skipped
 * without them, except on CI).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class PhoenixJsClientIntegrationTests extends RunningBridge {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path PACKAGE = Path.of("src/test/js");

	private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

	private static Path node;

	private final Resources resources = new Resources();

	@BeforeAll
	static void nodeAndPhoenix() {
		node = ExternalTools.onPath("node", "Node.js 20 or later (node on PATH)");
		if (!Files.isRegularFile(PACKAGE.resolve("node_modules/phoenix/package.json"))) {
			ExternalTools.missing("the npm package phoenix: run `npm ci` in " + PACKAGE);
		}
	}

	@AfterEach
	void close() throws Exception {
		this.resources.closeAll();
	}

	@ParameterizedTest(name = "vsn {0}")
	@ValueSource(strings = { "1.0.0", "2.0.0" })
	void phoenixClientsJoinTrackPresenceTypeShoutAndLeaveOnTheEmbeddedHub(String vsn) {
		ExternalProcess client = track(phoenixClient(vsn, "phoenix-js-alone-" + vsn.charAt(0)));
		JsonNode result = result(client);
		String suffix = vsn.replace(".", "");
		assertThat(result.get("vsn").stringValue()).isEqualTo(vsn);
		String wire = vsn.equals("2.0.0") ? "array" : "object";
		String other = vsn.equals("2.0.0") ? "object" : "array";
		assertThat(result.at("/frames/" + wire).intValue()).as("frames of the serializer asked for").isPositive();
		assertThat(result.at("/frames/" + other).intValue()).isZero();
		assertThat(result.get("presence").findValuesAsString("username")).containsExactly("alice-" + suffix);
		assertThat(result.get("joins").valueStream().map(JsonNode::stringValue)).contains("bob-" + suffix);
		assertThat(result.get("leaves").valueStream().map(JsonNode::stringValue)).containsExactly("bob-" + suffix);
		JsonNode shout = result.at("/shouts/0");
		assertThat(shout.get("name").stringValue()).isEqualTo("bob-" + suffix);
		assertThat(shout.get("body").stringValue()).isEqualTo("hello from Phoenix " + vsn + " <b>not bold</b>");
		assertThat(shout.get("channel").stringValue()).isEqualTo("phoenix-js-alone-" + vsn.charAt(0));
	}

	@ParameterizedTest(name = "vsn {0}")
	@ValueSource(strings = { "1.0.0", "2.0.0" })
	void phoenixClientsAndAnSseSubscriberSeeEachOther(String vsn) {
		String room = "phoenix-js-bridge-" + vsn.charAt(0);
		String suffix = vsn.replace(".", "");
		String alice = "alice-" + suffix;
		String bob = "bob-" + suffix;
		SseClient stream = track(joinedStream(room));
		ExternalProcess client = track(
				phoenixClient(vsn, room, "--expect-user", "hub-bridge", "--expect-shout-from", "carol"));
		assertUserEvent(stream.next("join"), "join", alice);
		assertUserEvent(stream.next("join"), "join", bob);
		SseEvent typing = stream.next("typing");
		assertThat(json(typing).get("username").stringValue()).isEqualTo(bob);
		assertThat(json(typing).get("typing").booleanValue()).isTrue();
		JsonNode shout = json(stream.next("shout"));
		assertThat(shout.get("name").stringValue()).isEqualTo(bob);
		assertThat(shout.get("body").stringValue()).isEqualTo("hello from Phoenix " + vsn + " <b>not bold</b>");
		assertThat(json(stream.next("typing")).get("typing").booleanValue()).isFalse();
		client.awaitLine((line) -> line.contains("\"waiting for a shout\""), RUN_TIMEOUT);
		this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "carol", "body", "hello Phoenix, from the bridge"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
		JsonNode result = result(client);
		assertThat(result.at("/external/body").stringValue()).isEqualTo("hello Phoenix, from the bridge");
		assertThat(result.at("/external/channel").stringValue()).isEqualTo(room);
		assertUserEvent(stream.next("leave"), "leave", bob);
		assertUserEvent(stream.next("leave"), "leave", alice);
	}

	private ExternalProcess phoenixClient(String vsn, String room, String... more) {
		String url = hubUrl().toString().replaceFirst("/websocket$", "");
		List<String> command = new ArrayList<>(
				List.of(node.toString(), "phoenix-client.mjs", "--url", url, "--room", room, "--vsn", vsn));
		command.addAll(List.of(more));
		return ExternalProcess.start(PACKAGE, Map.of(), command.toArray(String[]::new));
	}

	/**
	 * Waits for the script's end; its last line is {"result": …} when every check passed.
	 */
	private static JsonNode result(ExternalProcess client) {
		int exit = client.awaitExit(RUN_TIMEOUT);
		assertThat(exit).as("exit code of phoenix-client.mjs: %s", client.describe()).isZero();
		List<String> lines = client.output();
		JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
		assertThat(last.has("result")).as(client.describe()).isTrue();
		return last.get("result");
	}

	private static void assertUserEvent(SseEvent event, String type, String username) {
		assertThat(event.event()).isEqualTo(type);
		assertThat(json(event).get("username").stringValue()).isEqualTo(username);
	}

	private static JsonNode json(SseEvent event) {
		return JSON.readTree(event.data());
	}

	private <T extends AutoCloseable> T track(T resource) {
		return this.resources.track(resource);
	}

}
