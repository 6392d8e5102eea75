package io.hubbridge.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The bridge under load: either started here from its jar as a separate JVM, with the
 * embedded Hub on free ports, and stopped at the end; or one already running
 * ({@code bench.bridge-url}). Measures its process through {@code /proc} and its heap
 * through {@code jcmd} and the Prometheus endpoint.
 */
final class Bridge implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final String url;

	private final @Nullable URI hubSocket;

	private final @Nullable Long pid;

	private final @Nullable Process process;

	private final String jvmFlags;

	/** Kills a started bridge if the tool is stopped before it could (Ctrl-C). */
	private final @Nullable Thread killOnExit;

	private Bridge(String url, @Nullable URI hubSocket, @Nullable Long pid, @Nullable Process process,
			String jvmFlags) {
		this.url = url;
		this.hubSocket = hubSocket;
		this.pid = pid;
		this.process = process;
		this.jvmFlags = jvmFlags;
		this.killOnExit = (process != null) ? new Thread(process::destroyForcibly) : null;
		if (this.killOnExit != null) {
			Runtime.getRuntime().addShutdownHook(this.killOnExit);
		}
	}

	/** The bridge the settings name, started if none is given; ready when returned. */
	static Bridge of(BenchSettings settings, Path log) throws IOException, InterruptedException {
		if (settings.bridgeUrl() != null) {
			URI hub = (settings.hubUrl() != null) ? URI.create(settings.hubUrl()) : null;
			Bridge running = new Bridge(settings.bridgeUrl(), hub, settings.bridgePid(), null, "(not started here)");
			running.awaitReady();
			return running;
		}
		return start(settings, log);
	}

	private static Bridge start(BenchSettings settings, Path log) throws IOException, InterruptedException {
		Path jar = (settings.jar() != null) ? settings.jar() : findJar();
		int port = freePort();
		int hubPort = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(words(settings.bridgeJvm()));
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--bridge.embedded-hub.host=127.0.0.1", "--bridge.embedded-hub.port=" + hubPort,
				"--spring.main.banner-mode=off"));
		// the load comes from one address: the per-client limits would measure themselves
		command.addAll(List.of("--bridge.limits.max-streams-per-client=1000000",
				"--bridge.limits.max-subscribers-per-room=1000000", "--bridge.limits.shouts.rate=1000000",
				"--bridge.limits.shouts.burst=1000000", "--bridge.limits.max-rooms=1000000"));
		command.addAll(words(settings.bridgeArgs()));
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Bridge bridge = new Bridge("http://127.0.0.1:" + port,
				URI.create("ws://127.0.0.1:" + hubPort + "/socket/websocket"), process.pid(), process,
				settings.bridgeJvm());
		bridge.awaitReady();
		return bridge;
	}

	private void awaitReady() throws InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (status(this.url + "/actuator/health/readiness") != 200) {
			if (this.process != null && !this.process.isAlive()) {
				throw new IllegalStateException("the bridge exited with " + this.process.exitValue());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the bridge at " + this.url + " was not ready within " + START_TIMEOUT);
			}
			Thread.sleep(200);
		}
	}

	String url() {
		return this.url;
	}

	@Nullable URI hubSocket() {
		return this.hubSocket;
	}

	@Nullable Long pid() {
		return this.pid;
	}

	boolean started() {
		return this.process != null;
	}

	String jvmFlags() {
		return this.jvmFlags;
	}

	/** The process's CPU time so far, in ns; -1 without a process id. */
	long cpuNanos() {
		return (this.pid != null) ? ProcFiles.cpuNanos(this.pid) : -1;
	}

	/** Resident memory, in KiB; -1 without a process id. */
	long rssKib() {
		return (this.pid != null) ? ProcFiles.rssKib(this.pid) : -1;
	}

	/** The bridge's {@code /actuator/prometheus} text, or null if it did not answer. */
	@Nullable String metrics() throws InterruptedException {
		return get(this.url + "/actuator/prometheus");
	}

	/**
	 * Heap used right after a full collection ({@code jcmd PID GC.run}), as the bridge's
	 * {@code jvm_memory_used_bytes{area="heap"}} reports it; -1 without a process id.
	 */
	long heapAfterGcBytes() throws IOException, InterruptedException {
		if (this.pid == null) {
			return -1;
		}
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process gc = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", this.pid.toString(),
				"GC.run")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
			return -1;
		}
		String metrics = get(this.url + "/actuator/prometheus");
		return (metrics != null) ? PrometheusText.heapUsedBytes(metrics) : -1;
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process == null) {
			return;
		}
		Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		this.process.destroy();
		if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	private static Path findJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("hub-bridge-.*\\.jar"))
				.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"no target/hub-bridge-*.jar: run with -Pbench (it packages first) or give -Dbench.jar"));
		}
	}

	private static List<String> words(String text) {
		return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
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

	private static @Nullable String get(String url) throws InterruptedException {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
