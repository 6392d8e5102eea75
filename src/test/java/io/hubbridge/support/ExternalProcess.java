package io.hubbridge.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * A program a test runs and talks to: its output collected line by line as it comes (so a
 * test can wait for a line), input written line by line, and a bounded wait for its exit.
 * Closing it kills what still runs.
 */
public final class ExternalProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Writer input;

	private final List<String> out = new CopyOnWriteArrayList<>();

	private final List<String> err = new CopyOnWriteArrayList<>();

	private final List<Thread> readers;

	private ExternalProcess(String name, Process process) {
		this.name = name;
		this.process = process;
		this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		this.readers = List.of(collect(process.getInputStream(), this.out, name + "-stdout"),
				collect(process.getErrorStream(), this.err, name + "-stderr"));
	}

	/**
	 * Starts {@code command} in {@code directory} with these extra environment variables.
	 */
	public static ExternalProcess start(Path directory, Map<String, String> environment, String... command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
		builder.environment().putAll(environment);
		try {
			return new ExternalProcess(Path.of(command[0]).getFileName().toString(), builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + List.of(command), ex);
		}
	}

	private static Thread collect(InputStream stream, List<String> lines, String threadName) {
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended or was killed: what was read is kept
			}
		}, threadName);
		reader.setDaemon(true);
		reader.start();
		return reader;
	}

	/** Writes a line to the program's standard input. */
	public void writeLine(String line) {
		try {
			this.input.write(line + "\n");
			this.input.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(this.name + " does not take input: " + describe(), ex);
		}
	}

	/** Waits until a line of output matches, and returns it. */
	public String awaitLine(Predicate<String> matching, Duration timeout) {
		Awaitility.await(this.name + " printing the expected line; so far: " + describeLazily())
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.out.stream().anyMatch(matching) || !this.process.isAlive());
		return this.out.stream()
			.filter(matching)
			.findFirst()
			.orElseThrow(() -> new AssertionError(this.name + " ended without the expected line: " + describe()));
	}

	/**
	 * Waits for the program to end, at most {@code timeout}, and returns its exit code.
	 */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(this.name + " still running after " + timeout + ": " + describe());
			}
			// the readers finish with the pipes, just after the exit
			for (Thread reader : this.readers) {
				reader.join(Duration.ofSeconds(5).toMillis());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Standard output so far, one entry per line. */
	public List<String> output() {
		return List.copyOf(this.out);
	}

	/** Standard error so far, one entry per line. */
	public List<String> errors() {
		return List.copyOf(this.err);
	}

	/** Output and errors, for assertion messages. */
	public String describe() {
		return "stdout " + this.out + ", stderr " + this.err;
	}

	private Object describeLazily() {
		return new Object() {
			@Override
			public String toString() {
				return describe();
			}
		};
	}

	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

}
