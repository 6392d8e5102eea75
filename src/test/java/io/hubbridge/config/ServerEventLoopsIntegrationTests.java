package io.hubbridge.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import io.hubbridge.HubBridgeApplication;
import io.hubbridge.phoenix.PhoenixEndpoint;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's own event loops: as many as configured, and two bridges in one JVM, as a
 * test suite runs them: closing one leaves the other's server, embedded Hub and upstream
 * session running.
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
	void theServerHasOneEventLoopPerCoreUnlessToldOtherwise() {
		this.survivor = start();
		assertThat(serverEventLoops(this.survivor)).isEqualTo(Runtime.getRuntime().availableProcessors());
		ConfigurableApplicationContext three = start("--bridge.server.event-loops=3");
		try (SseClient stream = joinedStream(three, "lobby")) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(serverEventLoops(three)).isEqualTo(3);
		}
		finally {
			three.close();
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

	private static ConfigurableApplicationContext start(String... more) {
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--bridge.embedded-hub.port=0", "--bridge.rooms.join-wait=30s"));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(HubBridgeApplication.class).registerShutdownHook(false)
			// arguments: application.yml's server.port outranks default properties
			.run(arguments.toArray(String[]::new));
	}

	private static long serverEventLoops(ConfigurableApplicationContext bridge) {
		EventLoopGroup loops = bridge.getBean(ReactorResourceFactory.class).getLoopResources().onServer(true);
		return StreamSupport.stream(loops.spliterator(), false).count();
	}

	/** A stream on the room once its upstream has joined. */
	private static SseClient joinedStream(ConfigurableApplicationContext bridge, String room) {
		int port = ((WebServerApplicationContext) bridge).getWebServer().getPort();
		SseClient stream = SseClient.connect("http://localhost:" + port + "/api/rooms/" + room + "/events");
		stream.awaitJoined();
		return stream;
	}

}
