package io.hubbridge.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Programs outside the JVM that some tests drive (Chromium, Node, Debian's Python): a
 * test whose program is missing is skipped on a developer's machine, but fails on CI
 * ({@code CI=true}), where {@code .ci/run} installs them, so that CI never skips it
 * silently.
 */
public final class ExternalTools {

	private ExternalTools() {
	}

	/**
	 * Whether this is a CI run ({@code CI=true}, as CI services and {@code .ci/run} set).
	 */
	public static boolean onCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/**
	 * The first of these files that exists and can be executed; when none does, skips the
	 * test, or fails it on CI.
	 * @param what what the test needs, and how to get it
	 * @param candidates where to look
	 * @return the program
	 */
	public static Path require(String what, Path... candidates) {
		Optional<Path> found = Arrays.stream(candidates).filter(Files::isExecutable).findFirst();
		if (found.isPresent()) {
			return found.get();
		}
		missing(what + " (looked for " + Arrays.toString(candidates) + ")");
		throw new IllegalStateException("unreachable");
	}

	/** {@code command} as found on {@code PATH}, or a skip (a failure on CI). */
	public static Path onPath(String command, String what) {
		String path = System.getenv().getOrDefault("PATH", "");
		Path[] candidates = Arrays.stream(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, command))
			.toArray(Path[]::new);
		return require(what, candidates);
	}

	/**
	 * Debian's {@code /usr/bin/python3} with {@code python3-websockets}, for the seed
	 * document's client; a skip (a failure on CI) without them.
	 */
	public static Path debianPythonWithWebsockets() {
		Path python = require("Debian's python3 (apt-get install python3-websockets)", Path.of("/usr/bin/python3"));
		try (ExternalProcess probe = ExternalProcess.start(Path.of("."), Map.of(), python.toString(), "-c",
				"import websockets")) {
			if (probe.awaitExit(Duration.ofSeconds(30)) != 0) {
				missing("python3-websockets for /usr/bin/python3 (" + probe.describe() + ")");
			}
		}
		return python;
	}

	/** Skips the test for want of {@code what}, or fails it on CI. */
	public static void missing(String what) {
		if (onCi()) {
			fail("CI=true and the test needs " + what + ": .ci/run installs it");
		}
		Assumptions.abort("needs " + what + "; skipped outside CI");
	}

}
