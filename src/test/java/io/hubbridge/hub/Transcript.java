package io.hubbridge.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A captured Hub scenario ({@code protocol/transcripts/*.txt}) turned into steps to
 * replay: what each client sent, what each received, and what happened to the server.
 */
record Transcript(String name, String title, List<Step> steps) {

	// DOTALL: frames may hold U+2028, which '.' does not match otherwise
	private static final Pattern TIMED = Pattern.compile("^\\+\\s*(\\d+\\.\\d+)s (.*)$", Pattern.DOTALL);

	private static final Pattern CONNECTION = Pattern.compile("^\\[([^\\]]+)\\] (.*)$", Pattern.DOTALL);

	private static final Pattern HTTP_REQUEST = Pattern.compile("^HTTP >> GET (\\S+) \\((.*)\\)$");

	private static final Pattern HTTP_RESPONSE = Pattern.compile("^HTTP << HTTP/1\\.1 (\\d{3}) .*$");

	private static final Pattern HEX_FRAME = Pattern.compile("^(BINARY|PING|PONG) \\d+ bytes hex=([0-9a-f]*)$");

	private static final Pattern INVALID_UTF8 = Pattern.compile("^TEXT <invalid utf-8, \\d+ bytes> hex=([0-9a-f]+)$");

	private static final Pattern CLOSE = Pattern
		.compile("^CLOSE code=(\\d+) reason='(.*)' \\(payload hex=[0-9a-f]*\\)$");

	private static final Pattern CASE = Pattern.compile("^===== case \\d+: (.*) =====$");

	private static final Pattern CURL = Pattern.compile("^curl GET (\\S+) ->$");

	private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 (\\d{3}) .*$");

	private static final String U = "u".repeat(10_000);

	static final Pattern ELISION = Pattern
		.compile(" \\.\\.\\.<(\\d+) chars elided; frame is (\\d+) bytes total, sha256=([0-9a-f]+)>\\.\\.\\. ");

	/**
	 * Frames whose elided middle is not one repeated character, rebuilt from what the
	 * transcript says they hold (checked against the stated size and hash).
	 */
	private static final Map<String, Supplier<String>> REBUILT = Map.of(
			// n: user #4 (10,000 'u') shouts its own name as body and name
			"8d65cf7200edf523",
			() -> "[\"1\",\"2\",\"room:lobby\",\"shout\",{\"body\":\"" + U + "\",\"name\":\"" + U
					+ "\",\"channel\":\"lobby\"}]",
			// ... and Hub broadcasts it with sorted keys, V1 and V2
			"9ee1cd9a4461b78a",
			() -> "{\"event\":\"shout\",\"payload\":{\"body\":\"" + U + "\",\"channel\":\"lobby\",\"name\":\"" + U
					+ "\"},\"ref\":null,\"topic\":\"room:lobby\"}",
			"a0b166f32f201f92", () -> "[null,null,\"room:lobby\",\"shout\",{\"body\":\"" + U
					+ "\",\"channel\":\"lobby\",\"name\":\"" + U + "\"}]");

	/** One thing to do or to check, at a line of the transcript. */
	sealed interface Step permits Connect, Send, ClientClose, Abort, Expect, HubAction, HttpCheck, ConnectRefused {

		int line();

	}

	/** Open a websocket; {@code status} is what the handshake must answer. */
	record Connect(int line, String connection, String pathAndQuery, Map<String, String> headers,
			int status) implements Step {
	}

	/** Send one frame. {@code at} is the capture time, for scenarios that are paced. */
	record Send(int line, String connection, FrameKind kind, byte[] data, double at) implements Step {

		@Nullable String event() {
			if (this.kind != FrameKind.TEXT) {
				return null;
			}
			try {
				JsonNode frame = HubJson.parse(new String(this.data, StandardCharsets.UTF_8));
				JsonNode event = frame.isArray() ? frame.get(3) : frame.get("event");
				return (event != null && event.isString()) ? event.stringValue() : null;
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

	/** The client sends a close frame. */
	record ClientClose(int line, String connection, int code, String reason, double at) implements Step {
	}

	/** The client closes TCP without a close frame. */
	record Abort(int line, String connection) implements Step {
	}

	/** What the connection must receive next. */
	record Expect(int line, String connection, Expected expected) implements Step {
	}

	/** The server is stopped, killed or started. */
	record HubAction(int line, Action action) implements Step {
	}

	/** A plain HTTP GET and the status it must get. */
	record HttpCheck(int line, String path, int status) implements Step {
	}

	/** Connecting must be refused (the server is down). */
	record ConnectRefused(int line) implements Step {
	}

	enum FrameKind {

		TEXT, BINARY, PING

	}

	enum Action {

		STOP, KILL, START

	}

	/** What a connection must receive. */
	sealed interface Expected permits TextFrame, ElidedTextFrame, PongFrame, Ended {

	}

	/** A text frame, compared as JSON. */
	record TextFrame(String text) implements Expected {
	}

	/**
	 * A text frame captured only in part: it must start and end as captured and have the
	 * captured size.
	 */
	record ElidedTextFrame(String prefix, String suffix, int bytes) implements Expected {
	}

	record PongFrame(byte[] data) implements Expected {
	}

	/** The end of the connection: a close frame with {@code code}, or none if null. */
	record Ended(@Nullable Integer code, String reason) implements Expected {
	}

	static Transcript load(String name) {
		String resource = "/protocol/transcripts/" + name;
		try (InputStream in = Transcript.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no transcript " + resource);
			}
			return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Transcript parse(String name, List<String> lines) {
		return new Parser(name).parse(lines);
	}

	/**
	 * Rebuild an elided frame from its size and hash, or {@code null} if it cannot be.
	 */
	static @Nullable String rebuild(String captured) {
		Matcher elision = ELISION.matcher(captured);
		if (!elision.find()) {
			return captured;
		}
		String prefix = captured.substring(0, elision.start());
		String suffix = captured.substring(elision.end());
		int elided = Integer.parseInt(elision.group(1));
		int bytes = Integer.parseInt(elision.group(2));
		String hash = elision.group(3);
		List<String> candidates = new ArrayList<>();
		if (!prefix.isEmpty() && !suffix.isEmpty() && prefix.charAt(prefix.length() - 1) == suffix.charAt(0)) {
			candidates.add(prefix + String.valueOf(suffix.charAt(0)).repeat(elided) + suffix);
		}
		Supplier<String> rebuilt = REBUILT.get(hash);
		if (rebuilt != null) {
			candidates.add(rebuilt.get());
		}
		for (String candidate : candidates) {
			byte[] utf8 = candidate.getBytes(StandardCharsets.UTF_8);
			if (utf8.length == bytes && sha256(utf8).startsWith(hash)) {
				return candidate;
			}
		}
		return null;
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class Parser {

		private final String name;

		private final List<Step> steps = new ArrayList<>();

		private final Map<String, String[]> pendingRequests = new HashMap<>();

		private final Set<String> closedByClient = new HashSet<>();

		private final Set<String> closeExpected = new HashSet<>();

		private String title = "";

		private boolean skippingCase;

		Parser(String name) {
			this.name = name;
		}

		Transcript parse(List<String> lines) {
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				int number = i + 1;
				if (line.startsWith("# ---- server.log")) {
					break;
				}
				if (line.startsWith("# ") && this.title.isEmpty()) {
					this.title = line.substring(2);
				}
				Matcher timed = TIMED.matcher(line);
				if (!timed.matches()) {
					continue;
				}
				double at = Double.parseDouble(timed.group(1));
				String rest = timed.group(2);
				if (rest.startsWith(" NOTE: ")) {
					String next = (i + 1 < lines.size()) ? lines.get(i + 1) : "";
					if (!note(number, rest.substring(7), next)) {
						break;
					}
					continue;
				}
				if (this.skippingCase) {
					continue;
				}
				Matcher connection = CONNECTION.matcher(rest);
				if (!connection.matches()) {
					throw parseError(number, line, "unknown line");
				}
				event(number, at, connection.group(1), connection.group(2), line);
			}
			return new Transcript(this.name, this.title, List.copyOf(this.steps));
		}

		/**
		 * @return {@code false} to stop reading the transcript
		 */
		private boolean note(int line, String note, String nextLine) {
			Matcher caseTitle = CASE.matcher(note);
			if (caseTitle.matches()) {
				// a client library cannot send unmasked frames or reserved opcodes; Netty
				// answers those protocol violations with 1002 as Cowboy does
				String title = caseTitle.group(1);
				this.skippingCase = title.contains("unmasked") || title.contains("reserved opcode");
				return true;
			}
			if (this.skippingCase) {
				return true;
			}
			if (note.contains("HUB_CHECK_ORIGIN=true")) {
				// the embedded Hub has Hub's dev settings only (every Origin accepted)
				return false;
			}
			if (note.startsWith("sending SIGTERM")) {
				this.steps.add(new HubAction(line, Action.STOP));
			}
			else if (note.startsWith("sending SIGKILL")) {
				this.steps.add(new HubAction(line, Action.KILL));
			}
			else if (note.startsWith("start.sh -> started")) {
				this.steps.add(new HubAction(line, Action.START));
			}
			else if (note.startsWith("connect failed")) {
				this.steps.add(new ConnectRefused(line));
			}
			Matcher curl = CURL.matcher(note);
			if (curl.matches()) {
				Matcher status = STATUS_LINE.matcher(nextLine);
				if (!status.matches()) {
					throw parseError(line + 1, nextLine, "no status line after curl");
				}
				this.steps.add(new HttpCheck(line, curl.group(1), Integer.parseInt(status.group(1))));
			}
			return true;
		}

		private void event(int line, double at, String connection, String event, String text) {
			if (event.startsWith("HTTP >> ")) {
				Matcher request = HTTP_REQUEST.matcher(event);
				if (!request.matches()) {
					throw parseError(line, text, "unknown request");
				}
				this.pendingRequests.put(connection, new String[] { request.group(1), request.group(2) });
				this.closedByClient.remove(connection);
				this.closeExpected.remove(connection);
			}
			else if (event.startsWith("HTTP << ")) {
				Matcher response = HTTP_RESPONSE.matcher(event);
				String[] request = this.pendingRequests.remove(connection);
				if (!response.matches() || request == null) {
					throw parseError(line, text, "response without request");
				}
				this.steps.add(new Connect(line, connection, request[0], headers(request[1]),
						Integer.parseInt(response.group(1))));
			}
			else if (event.startsWith(">> ")) {
				sent(line, at, connection, event.substring(3), text);
			}
			else if (event.startsWith("<< ")) {
				received(line, connection, event.substring(3), text);
			}
			else if (event.startsWith("-- client closes TCP socket abruptly")) {
				this.steps.add(new Abort(line, connection));
				this.closedByClient.add(connection);
			}
			else {
				throw parseError(line, text, "unknown event");
			}
		}

		private void sent(int line, double at, String connection, String frame, String text) {
			Matcher hex = HEX_FRAME.matcher(frame);
			Matcher invalid = INVALID_UTF8.matcher(frame);
			Matcher close = CLOSE.matcher(frame);
			if (frame.startsWith("CLOSE(echo)")) {
				return;
			}
			if (close.matches()) {
				this.steps.add(new ClientClose(line, connection, Integer.parseInt(close.group(1)), close.group(2), at));
				this.closedByClient.add(connection);
			}
			else if (invalid.matches()) {
				this.steps
					.add(new Send(line, connection, FrameKind.TEXT, HexFormat.of().parseHex(invalid.group(1)), at));
			}
			else if (frame.startsWith("TEXT")) {
				String captured = frame.substring(Math.min(5, frame.length()));
				String rebuilt = rebuild(captured);
				if (rebuilt == null) {
					throw parseError(line, text, "cannot rebuild the elided frame");
				}
				this.steps
					.add(new Send(line, connection, FrameKind.TEXT, rebuilt.getBytes(StandardCharsets.UTF_8), at));
			}
			else if (hex.matches() && !hex.group(1).equals("PONG")) {
				this.steps.add(new Send(line, connection, FrameKind.valueOf(hex.group(1)),
						HexFormat.of().parseHex(hex.group(2)), at));
			}
			else {
				throw parseError(line, text, "a frame the client cannot send");
			}
		}

		private void received(int line, String connection, String frame, String text) {
			if (this.closedByClient.contains(connection)) {
				// the client closes TCP right after its close frame: it never sees the
				// echo
				return;
			}
			Matcher close = CLOSE.matcher(frame);
			Matcher hex = HEX_FRAME.matcher(frame);
			if (close.matches()) {
				this.steps
					.add(new Expect(line, connection, new Ended(Integer.parseInt(close.group(1)), close.group(2))));
				this.closeExpected.add(connection);
			}
			else if (frame.startsWith("TCP ")) {
				if (this.closeExpected.add(connection)) {
					this.steps.add(new Expect(line, connection, new Ended(null, "")));
				}
			}
			else if (frame.startsWith("TEXT ")) {
				this.steps.add(new Expect(line, connection, expectedText(frame.substring(5))));
			}
			else if (hex.matches() && hex.group(1).equals("PONG")) {
				this.steps.add(new Expect(line, connection, new PongFrame(HexFormat.of().parseHex(hex.group(2)))));
			}
			else {
				throw parseError(line, text, "unknown frame received");
			}
		}

		private static Expected expectedText(String captured) {
			String rebuilt = rebuild(captured);
			if (rebuilt != null) {
				return new TextFrame(rebuilt);
			}
			Matcher elision = ELISION.matcher(captured);
			elision.find();
			return new ElidedTextFrame(captured.substring(0, elision.start()), captured.substring(elision.end()),
					Integer.parseInt(elision.group(2)));
		}

		private static Map<String, String> headers(String description) {
			Map<String, String> headers = new LinkedHashMap<>();
			for (String header : description.split(", ")) {
				int colon = header.indexOf(": ");
				String name = header.substring(0, colon);
				if (!name.equalsIgnoreCase("Upgrade")) {
					headers.put(name, header.substring(colon + 2));
				}
			}
			return headers;
		}

		private IllegalStateException parseError(int line, String text, String problem) {
			return new IllegalStateException(
					this.name + ":" + line + ": " + problem + ": " + TestConnection.Received.abbreviate(text));
		}

	}

}
