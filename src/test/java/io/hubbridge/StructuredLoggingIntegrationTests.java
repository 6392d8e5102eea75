package io.hubbridge;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.hubbridge.support.SseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code logging.structured.format.console=ecs} makes every console line a JSON object,
 * and the room's log lines carry the room as a field of their own. The bridge runs in a
 * JVM of its own, on the application's class path without the tests' (whose
 * {@code logback-test.xml} would win, and whose running contexts keep this JVM's logging
 * set up): the logging set-up of the jar.
 */
class StructuredLoggingIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final List<String> seen = new ArrayList<>();

	private Process bridge;

	@AfterEach
	void stopBridge() throws InterruptedException {
		if (this.bridge != null) {
			this.bridge.destroy();
			if (!this.bridge.waitFor(30, TimeUnit.SECONDS)) {
				this.bridge.destroyForcibly();
			}
		}
	}

	@Test
	void consoleLinesAreJsonWithTheRoomAsAField() throws Exception {
		String room = "structured-logs";
		start("--server.port=0", "--bridge.embedded-hub.port=0", "--logging.structured.format.console=ecs",
				"--logging.level.io.hubbridge.api.RequestBodyLimit=debug");
		JsonNode started = awaitLine((line) -> PORT.matcher(line).find());
		Matcher port = PORT.matcher(started.path("message").asString());
		assertThat(port.find()).isTrue();
		try (SseClient stream = SseClient
			.connect("http://localhost:" + port.group(1) + "/api/rooms/" + room + "/events")) {
			stream.awaitJoined();
		}
		JsonNode opened = awaitLine((line) -> line.contains("[" + room + "] room opened"));
		assertThat(opened.path("room").asString()).isEqualTo(room);
		assertThat(opened.at("/log/logger").asString()).isEqualTo("io.hubbridge.room.RoomRegistry");
		assertThat(opened.has("@timestamp")).isTrue();
		JsonNode joined = awaitLine((line) -> line.contains("[" + room + "] joined"));
		assertThat(joined.path("room").asString()).isEqualTo(room);
		HttpResponse<Void> refused = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port.group(1) + "/api/rooms/" + room + "/shouts"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]))
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(refused.statusCode()).isEqualTo(413);
		JsonNode tooLarge = awaitLine((line) -> line.contains("is over"));
		assertThat(tooLarge.path("request").asString()).isEqualTo("POST /api/rooms/" + room + "/shouts");
		assertThat(tooLarge.path("room").asString()).isEqualTo(room);
		assertThat(tooLarge.path("requestId").asString()).isNotBlank();
		assertThat(this.seen).as("every line the bridge wrote so far")
			.allSatisfy((line) -> assertThat(line).startsWith("{"));
	}

	private void start(String... arguments) throws IOException {
		// the application's class path: the test class path without the test classes
		String classPath = Arrays
			.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
				.split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).endsWith(Path.of("target", "test-classes")))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
						HubBridgeApplication.class.getName()));
		command.addAll(List.of(arguments));
		this.bridge = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(this.bridge.getInputStream(), StandardCharsets.UTF_8))) {
				out.lines().forEach(this.lines::add);
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "structured-bridge-output");
		reader.setDaemon(true);
		reader.start();
	}

	/** The next line that matches, parsed; every line read on the way is kept. */
	private JsonNode awaitLine(Predicate<String> wanted) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			String line = this.lines.poll(1, TimeUnit.SECONDS);
			if (line != null) {
				this.seen.add(line);
				if (wanted.test(line)) {
					return JSON.readTree(line);
				}
			}
		}
		throw new AssertionError("no such line within 120 s; the bridge wrote: " + this.seen);
	}

}
