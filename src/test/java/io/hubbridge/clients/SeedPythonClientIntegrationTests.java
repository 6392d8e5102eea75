package io.hubbridge.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.hubbridge.support.ExternalProcess;
import io.hubbridge.support.ExternalTools;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.Resources;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed document's Python client ({@code src/test/python/hub_client.py}, on Debian's
 * {@code /usr/bin/python3} with {@code python3-websockets}) on the bridge's embedded Hub:
 * it joins, sees presence, typing and shouts of a websocket user and of the bridge, and
 * shouts what it reads from its standard input; an SSE subscriber of the bridge sees it.
 * Skipped without that Python, except on CI.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class SeedPythonClientIntegrationTests extends RunningBridge {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path PYTHON_DIR = Path.of("src/test/python");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static Path python;

	private final Resources resources = new Resources();

	@BeforeAll
	static void debianPythonWithWebsockets() {
		python = ExternalTools.debianPythonWithWebsockets();
	}

	@AfterEach
	void close() throws Exception {
		this.resources.closeAll();
	}

	@Test
	void seedClientJoinsSeesPresenceTypingAndShoutsAndShoutsFromItsInput() {
		String room = "python-seed";
		SseClient stream = track(joinedStream(room));
		ExternalProcess robin = track(ExternalProcess.start(PYTHON_DIR, Map.of(), python.toString(), "-u",
				"hub_client.py", hubUrl().toString(), room, "robin"));
		robin.awaitLine("< connected"::equals, WAIT);
		robin.awaitLine("['hub-bridge']"::equals, WAIT);
		robin.awaitLine("Online users: ['hub-bridge', 'robin']"::equals, WAIT);
		assertUserEvent(stream.next("join"), "join", "robin");

		HubUser robin2 = track(HubUser.join(hubUrl(), room, "robin2"));
		robin.awaitLine("Online users: ['hub-bridge', 'robin', 'robin2']"::equals, WAIT);
		robin2.typing("robin2", true);
		robin.awaitLine("robin2 is typing"::equals, WAIT);
		robin2.shout("robin2", "hi <robin>, from a websocket");
		robin.awaitLine("< robin2 says : hi <robin>, from a websocket"::equals, WAIT);

		robin.writeLine("hello from the seed's python client");
		JsonNode shout = json(next(stream, "shout", "\"name\":\"robin\""));
		assertThat(shout.get("body").stringValue()).isEqualTo("hello from the seed's python client");
		JsonNode echoed = robin2.next("shout", (frame) -> frame.at("/payload/name").stringValue().equals("robin"));
		assertThat(echoed.at("/payload/body").stringValue()).isEqualTo("hello from the seed's python client");

		this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "carol", "body", "hello python, from the bridge"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
		robin.awaitLine("< carol says : hello python, from the bridge"::equals, WAIT);

		robin2.close();
		robin.awaitLine("robin2 has left"::equals, WAIT);
		robin.close();
		assertUserEvent(next(stream, "leave", "\"robin\""), "leave", "robin");
	}

	/** The next event of this type whose data contains {@code text}, within 30 s. */
	private static SseEvent next(SseClient stream, String type, String text) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			SseEvent event = stream.next(type);
			if (event.data().contains(text)) {
				return event;
			}
		}
		throw new AssertionError("no '" + type + "' event with " + text + " within " + WAIT);
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
