package io.hubbridge.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.hubbridge.HubBridgeApplication;
import io.hubbridge.support.HttpReads;
import io.hubbridge.support.ScriptedUpstream;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket params carry secrets to Hub and nowhere else: a token read from a mounted file
 * ({@code spring.config.import=configtree:}) reaches the connect URL, while the log (with
 * the upstream client at DEBUG), {@code upstream} events and the room detail show it
 * masked.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamSecretsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SECRET = "s3cr3t-Tok3n";

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void aTokenFromAMountedFileReachesTheConnectUrlAndNoLog(@TempDir Path secrets, CapturedOutput output)
			throws Exception {
		// as Kubernetes and Docker mount secrets: one file per property, with a newline
		Files.writeString(secrets.resolve("bridge.hub.params.token"), SECRET + "\n");
		ScriptedUpstream upstream = new ScriptedUpstream();
		this.closeables.add(upstream);
		int port = bridge("--spring.config.import=optional:configtree:" + secrets + "/",
				"--bridge.hub.url=" + upstream.socketUrl());
		try (SseClient stream = SseClient.connect(eventsUrl(port, "secret"))) {
			stream.awaitJoined();
			String uri = upstream.requestUris().poll(10, TimeUnit.SECONDS);
			assertThat(uri).isEqualTo("/socket/websocket?token=" + SECRET + "&vsn=1.0.0");
		}
		assertThat(output.getOut()).contains("Upstream Hub at " + upstream.socketUrl() + "?token=****")
			.contains("connecting to " + upstream.socketUrl() + "?token=****&vsn=1.0.0")
			.doesNotContain(SECRET);
	}

	@Test
	void aFailingUpstreamShowsItsUrlWithTheTokenMasked(CapturedOutput output) throws Exception {
		int closedPort = closedPort();
		String hubUrl = "ws://127.0.0.1:" + closedPort + "/socket/websocket";
		int port = bridge("--bridge.hub.url=" + hubUrl, "--bridge.hub.params.token=" + SECRET);
		try (SseClient stream = SseClient.connect(eventsUrl(port, "masked"))) {
			JsonNode failed = awaitState(stream, "failed");
			assertThat(failed.get("reason").stringValue())
				.startsWith("could not connect to " + hubUrl + "?token=****&vsn=1.0.0: ")
				.doesNotContain(SECRET);
			WebTestClient http = WebTestClient.bindToServer()
				.responseTimeout(Duration.ofSeconds(30))
				.baseUrl("http://localhost:" + port)
				.build();
			JsonNode detail = HttpReads.okJson(http, "/api/rooms/masked");
			assertThat(detail.get("reason").stringValue()).contains("token=****").doesNotContain(SECRET);
		}
		assertThat(output.getOut()).contains("token=****").doesNotContain(SECRET);
	}

	private int bridge(String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--bridge.embedded-hub.port=0",
				"--logging.level.io.hubbridge.phoenix=debug"));
		all.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HubBridgeApplication.class)
			.run(all.toArray(String[]::new));
		// closed before the upstream it uses
		this.closeables.add(0, context);
		return ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * The next {@code upstream} event with this state; failures repeat, one will come.
	 */
	private static JsonNode awaitState(SseClient stream, String state) {
		JsonNode upstream;
		do {
			SseEvent event = stream.next("upstream");
			upstream = JSON.readTree(event.data());
		}
		while (!upstream.get("state").stringValue().equals(state));
		return upstream;
	}

	private static String eventsUrl(int port, String room) {
		return "http://localhost:" + port + "/api/rooms/" + room + "/events";
	}

	/** A port that was free a moment ago: connections to it are refused. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
