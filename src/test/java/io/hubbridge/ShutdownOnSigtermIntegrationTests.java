package io.hubbridge;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIGTERM: the bridge runs as a child JVM with its embedded Hub, a subscriber
 * streams a room, and {@link Process#destroy()} sends SIGTERM. The stream gets its
 * {@code shutdown} event and ends, and the JVM exits within
 * {@code bridge.shutdown.timeout} with status 143 (128 + SIGTERM: the JVM's status after
 * its shutdown hooks, Spring's included, have run to their end).
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class ShutdownOnSigtermIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private Process bridge;

	@AfterEach
	void kill() {
		if (this.bridge != null && this.bridge.isAlive()) {
			this.bridge.destroyForcibly();
		}
	}

	@Test
	void sigtermEndsEveryStreamWithAShutdownEventAndTheBridgeExitsWithinTheTimeout() throws Exception {
		int port = freePort();
		Path log = Path.of("target", "sigterm-bridge.log");
		this.bridge = launch(port, freePort(), log);
		String base = "http://127.0.0.1:" + port;
		Awaitility.await()
			.atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.failFast("the bridge exited: see " + log, () -> !this.bridge.isAlive())
			.until(() -> status(base + "/actuator/health/readiness") == 200);
		try (SseClient subscriber = SseClient.connect(base + "/api/rooms/lobby/events")) {
			subscriber.awaitJoined();
			long sigterm = System.nanoTime();
			this.bridge.destroy();
			SseEvent shutdown = subscriber.next("shutdown");
			JsonNode data = JSON.readTree(shutdown.data());
			assertThat(data.get("room").stringValue()).isEqualTo("lobby");
			assertThat(data.get("reason").stringValue()).isEqualTo("shutting-down");
			assertThat(data.get("retryAfterMs").longValue()).isEqualTo(2000);
			Awaitility.await().until(subscriber::isClosed);
			assertThat(this.bridge.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
				.as("exited within bridge.shutdown.timeout")
				.isTrue();
			Duration exitedAfter = Duration.ofNanos(System.nanoTime() - sigterm);
			assertThat(this.bridge.exitValue()).as("128 + SIGTERM").isEqualTo(143);
			String output = Files.readString(log);
			// our own lines only: the JVM may exit before the web server's last log line
			// is written
			assertThat(output).contains("Shutting down within", "ended 1 streams with 'shutdown'", "Shut down in");
			assertThat(output).doesNotContain("LEAK:", "Cut ", "did not all leave");
			System.out.println("bridge exited " + exitedAfter.toMillis() + " ms after SIGTERM");
		}
	}

	private static Process launch(int port, int hubPort, Path log) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
				"-Dio.netty.leakDetection.level=paranoid", "-XX:TieredStopAtLevel=1",
				HubBridgeApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--bridge.embedded-hub.port=" + hubPort,
				"--bridge.shutdown.timeout=" + SHUTDOWN_TIMEOUT.toSeconds() + "s", "--bridge.shutdown.retry-after=2s",
				"--spring.main.banner-mode=off");
		Files.createDirectories(log.getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static int status(String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
