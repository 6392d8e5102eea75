package io.hubbridge.deploy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Dockerfile's {@code HEALTHCHECK} command, run here as Docker would run it. */
final class HealthCheck {

	private HealthCheck() {
	}

	/** The command of its exec form. */
	static List<String> command() {
		String healthCheck = Dockerfile.read().last("HEALTHCHECK");
		return Dockerfile.execForm(healthCheck.substring(healthCheck.indexOf("CMD ") + "CMD ".length()));
	}

	/** Runs the command with {@code PORT} set as the container would. */
	static int run(int port) throws IOException, InterruptedException {
		return run(command(), "PORT", String.valueOf(port));
	}

	/** Runs a command with one environment variable set; its exit status. */
	static int run(List<String> command, String variable, String value) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put(variable, value);
		Process process = builder.start();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("the command did not end within 30 s: " + command);
		}
		return process.exitValue();
	}

}
