package io.hubbridge.hub;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.hubbridge.hub.TestConnection.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded Hub over real websockets, beyond what the transcripts show. */
class EmbeddedHubIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final List<TestConnection> connections = new ArrayList<>();

	private EmbeddedHub hub;

	@BeforeEach
	void startHub() {
		this.hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofSeconds(45));
		this.hub.start();
	}

	@AfterEach
	void stopHub() {
		this.connections.forEach(TestConnection::close);
		this.hub.kill();
	}

	@Test
	void joinWithANullRefAsTheSeedPythonClientSendsIsAnsweredWithANullRef() {
		TestConnection python = connect("/socket/websocket");
		python.sendText(
				"{\"topic\":\"room:lobby\",\"event\":\"phx_join\",\"payload\":{\"username\":\"robin\"},\"ref\":null}");
		assertThat(python.nextText(TIMEOUT)).isEqualTo(
				"{\"event\":\"phx_reply\",\"payload\":{\"response\":{},\"status\":\"ok\"},\"ref\":null,\"topic\":\"room:lobby\"}");
		assertThat(python.nextText(TIMEOUT))
			.isEqualTo("{\"event\":\"presence_state\",\"payload\":{},\"ref\":null,\"topic\":\"room:lobby\"}");
		assertThat(event(python.nextText(TIMEOUT))).isEqualTo("presence_diff");
		python.sendText(
				"{\"topic\":\"room:lobby\",\"event\":\"shout\",\"payload\":{\"name\":\"robin\",\"body\":\"hi\"},\"ref\":null}");
		assertThat(python.nextText(TIMEOUT)).isEqualTo(
				"{\"event\":\"shout\",\"payload\":{\"body\":\"hi\",\"name\":\"robin\"},\"ref\":null,\"topic\":\"room:lobby\"}");
	}

	@Test
	void everySocketReceivesATopicsFramesInTheSameOrder() {
		int sockets = 4;
		int shoutsEach = 50;
		List<TestConnection> clients = IntStream.range(0, sockets)
			.mapToObj((i) -> connect("/socket/websocket?vsn=2.0.0"))
			.toList();
		for (int i = 0; i < sockets; i++) {
			clients.get(i).sendText("[\"1\",\"1\",\"room:order\",\"phx_join\",{\"username\":\"u" + i + "\"}]");
			assertThat(event(clients.get(i).nextText(TIMEOUT))).isEqualTo("phx_reply");
		}
		for (int n = 0; n < shoutsEach; n++) {
			for (int i = 0; i < sockets; i++) {
				clients.get(i).sendText("[\"1\",null,\"room:order\",\"shout\",{\"body\":\"" + i + "-" + n + "\"}]");
			}
		}
		List<List<String>> seen = clients.stream().map((client) -> shouts(client, sockets * shoutsEach)).toList();
		assertThat(seen.get(0)).hasSize(sockets * shoutsEach).doesNotHaveDuplicates();
		assertThat(seen).allSatisfy((shouts) -> assertThat(shouts).isEqualTo(seen.get(0)));
	}

	@Test
	void aSixteenMebibyteShoutIsBroadcastWhole() {
		TestConnection client = connect("/socket/websocket?vsn=2.0.0");
		client.sendText("[\"1\",\"1\",\"room:big\",\"phx_join\",{\"username\":\"big\"}]");
		String body = "x".repeat(16 * 1024 * 1024);
		client.sendText("[\"1\",\"2\",\"room:big\",\"shout\",{\"body\":\"" + body + "\"}]");
		String shout;
		do {
			shout = client.nextText(TIMEOUT);
		}
		while (!event(shout).equals("shout"));
		assertThat(shout).isEqualTo("[null,null,\"room:big\",\"shout\",{\"body\":\"" + body + "\"}]");
	}

	@Test
	void aStoppedHubListensOnTheSamePortWhenStartedAgain() {
		int port = this.hub.port();
		this.hub.stop();
		assertThat(this.hub.isRunning()).isFalse();
		this.hub.start();
		assertThat(this.hub.port()).isEqualTo(port);
		TestConnection client = connect("/socket/websocket");
		client.sendText("{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\"1\"}");
		assertThat(event(client.nextText(TIMEOUT))).isEqualTo("phx_reply");
	}

	@Test
	void aClientThatSendsNothingIsClosedAfterTheIdleTimeoutEvenWhileReceivingPushes() {
		this.hub.kill();
		this.hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofMillis(500));
		this.hub.start();
		TestConnection silent = connect("/socket/websocket?vsn=2.0.0");
		TestConnection talker = connect("/socket/websocket?vsn=2.0.0");
		silent.sendText("[\"1\",\"1\",\"room:idle\",\"phx_join\",{\"username\":\"silent\"}]");
		assertThat(event(silent.nextText(TIMEOUT))).isEqualTo("phx_reply");
		talker.sendText("[\"1\",\"1\",\"room:idle\",\"phx_join\",{\"username\":\"talker\"}]");
		Received ended;
		int shouts = 0;
		do {
			talker.sendText("[\"1\",null,\"room:idle\",\"shout\",{\"n\":" + shouts++ + "}]");
			ended = skipTextFrames(silent, Duration.ofMillis(100));
		}
		while (ended == null);
		assertThat(ended.kind()).isEqualTo(Received.Kind.ENDED);
		assertThat(ended.closeCode()).isEqualTo(1000);
		assertThat(ended.closeReason()).isEmpty();
		assertThat(shouts).as("shouts pushed to the silent socket before it was closed").isGreaterThan(2);
	}

	private TestConnection connect(String pathAndQuery) {
		TestConnection connection = TestConnection.open(URI.create("ws://127.0.0.1:" + this.hub.port() + pathAndQuery));
		this.connections.add(connection);
		return connection;
	}

	/** Text frames until something else arrives; {@code null} if nothing else did. */
	private static Received skipTextFrames(TestConnection connection, Duration wait) {
		for (Received received = connection.poll(wait); received != null; received = connection.poll(wait)) {
			if (received.kind() != Received.Kind.TEXT) {
				return received;
			}
		}
		return null;
	}

	/** The bodies of the shouts a socket received, in order. */
	private static List<String> shouts(TestConnection client, int count) {
		List<String> bodies = new ArrayList<>();
		while (bodies.size() < count) {
			JsonNode frame = HubJson.parse(client.nextText(TIMEOUT));
			if (frame.get(3).stringValue().equals("shout")) {
				bodies.add(frame.get(4).get("body").stringValue());
			}
		}
		return bodies;
	}

	private static String event(String text) {
		JsonNode frame = HubJson.parse(text);
		return frame.isArray() ? frame.get(3).stringValue() : frame.get("event").stringValue();
	}

}
