package io.hubbridge.config;

import java.net.URI;

import io.hubbridge.HubBridgeApplication;
import io.hubbridge.phoenix.PhoenixEndpoint;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two bridges in one JVM, as a test suite runs them: closing one leaves the other's
 * server, embedded Hub and upstream session running.
 */
class ServerEventLoopsIntegrationTests {

	private ConfigurableApplicationContext survivor;

	@AfterEach
	void close() {
		if (this.survivor != null) {
			this.survivor.close();
		}
	}

	@Test
	void closingOneBridgeLeavesAnotherInTheSameJvmRunning() {
		ConfigurableApplicationContext closing = start();
		this.survivor = start();
		URI survivorHub = this.survivor.getBean(PhoenixEndpoint.class).socketUrl();
		try (SseClient stream = joinedStream(this.survivor, "lobby");
				HubUser alice = HubUser.join(survivorHub, "lobby", "alice")) {
			joinedStream(closing, "lobby").close();
			closing.close();
			alice.shout("alice", "still here");
			SseEvent shout = stream.next("shout");
			assertThat(shout.data()).contains("\"body\":\"still here\"");
			try (SseClient late = joinedStream(this.survivor, "kitchen")) {
				assertThat(late.status()).isEqualTo(200);
			}
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(HubBridgeApplication.class).registerShutdownHook(false)
			// arguments: application.yml's server.port outranks default properties
			.run("--server.port=0", "--bridge.embedded-hub.port=0", "--bridge.rooms.join-wait=30s");
	}

	/** A stream on the room once its upstream has joined. */
	private static SseClient joinedStream(ConfigurableApplicationContext bridge, String room) {
		int port = ((WebServerApplicationContext) bridge).getWebServer().getPort();
		SseClient stream = SseClient.connect("http://localhost:" + port + "/api/rooms/" + room + "/events");
		stream.awaitJoined();
		return stream;
	}

}
