package io.hubbridge.hub;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import io.hubbridge.hub.TestConnection.Received;
import io.hubbridge.hub.Transcript.Abort;
import io.hubbridge.hub.Transcript.ClientClose;
import io.hubbridge.hub.Transcript.Connect;
import io.hubbridge.hub.Transcript.ConnectRefused;
import io.hubbridge.hub.Transcript.ElidedTextFrame;
import io.hubbridge.hub.Transcript.Ended;
import io.hubbridge.hub.Transcript.Expect;
import io.hubbridge.hub.Transcript.Expected;
import io.hubbridge.hub.Transcript.HttpCheck;
import io.hubbridge.hub.Transcript.HubAction;
import io.hubbridge.hub.Transcript.PongFrame;
import io.hubbridge.hub.Transcript.Send;
import io.hubbridge.hub.Transcript.Step;
import io.hubbridge.hub.Transcript.TextFrame;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * Plays the client side of a transcript against an embedded Hub, one real websocket per
 * captured connection, and checks that each connection receives what the real Hub sent
 * it, in the same order. Frames to different connections may interleave freely: each
 * expectation waits on its own connection.
 */
final class TranscriptReplay {

	private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(30);

	private final Transcript transcript;

	private final EmbeddedHub hub;

	private final @Nullable Double timeScale;

	private final FrameComparison comparison = new FrameComparison();

	private final Map<String, ReplayConnection> connections = new HashMap<>();

	private final List<ReplayConnection> all = new ArrayList<>();

	/** Connections the script has closed, aborted or seen ended. */
	private final Set<ReplayConnection> ended = new HashSet<>();

	private long startNanos;

	private @Nullable Step previous;

	/**
	 * @param transcript the scenario
	 * @param hub a started hub
	 * @param timeScale {@code null} to send as fast as the expectations allow, or the
	 * factor applied to the captured send times (for scenarios about timeouts)
	 */
	TranscriptReplay(Transcript transcript, EmbeddedHub hub, @Nullable Double timeScale) {
		this.transcript = transcript;
		this.hub = hub;
		this.timeScale = timeScale;
	}

	void run() {
		this.startNanos = System.nanoTime();
		try {
			for (Step step : this.transcript.steps()) {
				try {
					execute(step);
					this.previous = step;
				}
				catch (AssertionError | RuntimeException ex) {
					throw new AssertionError(this.transcript.name() + ":" + step.line() + ": " + ex.getMessage(), ex);
				}
			}
			for (ReplayConnection connection : this.all) {
				connection.assertNothingUnexpectedLeft();
			}
		}
		finally {
			this.all.forEach((connection) -> connection.client.close());
		}
	}

	private void execute(Step step) {
		if (step instanceof Connect connect) {
			connect(connect);
		}
		else if (step instanceof Send send) {
			pace(send.at());
			connection(send.connection()).send(send);
		}
		else if (step instanceof ClientClose close) {
			pace(close.at());
			ReplayConnection connection = connection(close.connection());
			connection.closedWithOthers = this.previous instanceof ClientClose;
			connection.client.close(close.code(), close.reason());
			this.ended.add(connection);
		}
		else if (step instanceof Abort abort) {
			ReplayConnection connection = connection(abort.connection());
			connection.client.abort();
			this.ended.add(connection);
		}
		else if (step instanceof Expect expect) {
			ReplayConnection connection = connection(expect.connection());
			connection.expect(expect.expected());
			if (expect.expected() instanceof Ended) {
				this.ended.add(connection);
			}
		}
		else if (step instanceof HubAction action) {
			switch (action.action()) {
				case STOP -> this.hub.stop();
				case KILL -> this.hub.kill();
				case START -> this.hub.start();
			}
		}
		else if (step instanceof HttpCheck check) {
			assertThat(httpGet(check.path())).as("status of GET %s", check.path()).isEqualTo(check.status());
		}
		else if (step instanceof ConnectRefused) {
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> TestConnection.open(url("/")))
				.withRootCauseInstanceOf(ConnectException.class);
		}
	}

	private void connect(Connect connect) {
		// Hub had let go of the connections that ended before this one connected (its
		// users had left): wait until the embedded Hub has too
		int open = this.all.size() - this.ended.size();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.connections() <= open);
		URI url = url(connect.pathAndQuery());
		if (connect.status() == 101) {
			ReplayConnection connection = new ReplayConnection(connect.connection(),
					TestConnection.open(url, connect.headers()));
			this.connections.put(connect.connection(), connection);
			this.all.add(connection);
		}
		else {
			assertThatExceptionOfType(TestConnection.HandshakeFailedException.class)
				.isThrownBy(() -> TestConnection.open(url, connect.headers()))
				.extracting(TestConnection.HandshakeFailedException::status)
				.isEqualTo(connect.status());
		}
	}

	private ReplayConnection connection(String name) {
		ReplayConnection connection = this.connections.get(name);
		if (connection == null) {
			throw new IllegalStateException("no open connection " + name);
		}
		return connection;
	}

	/**
	 * Scenarios about timeouts send at the captured times, scaled; a script pace, not a
	 * wait for a result.
	 */
	private void pace(double capturedSeconds) {
		if (this.timeScale == null) {
			return;
		}
		long due = this.startNanos + (long) (capturedSeconds * this.timeScale * 1_000_000_000L);
		for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	private URI url(String pathAndQuery) {
		return URI.create("ws://127.0.0.1:" + this.hub.port() + pathAndQuery);
	}

	private int httpGet(String path) {
		Integer status = HttpClient.create()
			.get()
			.uri("http://127.0.0.1:" + this.hub.port() + path)
			.responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
			.block(RECEIVE_TIMEOUT);
		assertThat(status).isNotNull();
		return status;
	}

	/** One captured connection and what it has been sent so far. */
	private final class ReplayConnection {

		private final String name;

		private final TestConnection client;

		/**
		 * Topics whose channel crashed on this connection: whether the crashed socket
		 * also sees its own leave varies on a real Hub, so such diffs are optional.
		 */
		private final Set<String> crashedTopics = new HashSet<>();

		/**
		 * Whether this connection closed in the same instant as another: then it may or
		 * may not see the other's users leave first.
		 */
		private boolean closedWithOthers;

		ReplayConnection(String name, TestConnection client) {
			this.name = name;
			this.client = client;
		}

		void send(Send send) {
			switch (send.kind()) {
				case TEXT -> this.client.sendTextBytes(send.data());
				case BINARY -> this.client.sendBinary(send.data());
				case PING -> this.client.ping(send.data());
			}
			if ("phx_join".equals(send.event())) {
				this.crashedTopics.clear();
			}
		}

		void expect(Expected expected) {
			if (expected instanceof TextFrame text && isOwnLeaveAfterCrash(text.text())) {
				return;
			}
			Received received = nextRelevant();
			String difference = difference(expected, received);
			if (difference != null) {
				fail("[%s] received %s%n  expected %s%n  %s", this.name, received, describe(expected), difference);
			}
			if (received.kind() == Received.Kind.TEXT) {
				noteCrash(received.text());
			}
		}

		void assertNothingUnexpectedLeft() {
			for (Received left = this.client.poll(Duration.ZERO); left != null; left = this.client
				.poll(Duration.ZERO)) {
				boolean allowed = left.kind() == Received.Kind.ENDED
						|| (left.kind() == Received.Kind.TEXT && isOwnLeaveAfterCrash(left.text()))
						|| (this.closedWithOthers && left.kind() == Received.Kind.TEXT && isLeave(left.text()));
				assertThat(allowed).as("[%s] received %s after its last expected frame", this.name, left).isTrue();
			}
		}

		private Received nextRelevant() {
			while (true) {
				Received received = this.client.next(RECEIVE_TIMEOUT);
				if (received.kind() != Received.Kind.TEXT || !isOwnLeaveAfterCrash(received.text())) {
					return received;
				}
			}
		}

		private @Nullable String difference(Expected expected, Received received) {
			if (expected instanceof TextFrame text) {
				if (received.kind() != Received.Kind.TEXT) {
					return "not a text frame";
				}
				return TranscriptReplay.this.comparison.difference(text.text(), received.text());
			}
			if (expected instanceof ElidedTextFrame elided) {
				if (received.kind() != Received.Kind.TEXT) {
					return "not a text frame";
				}
				String actual = TranscriptReplay.this.comparison.withCapturedRefs(received.text());
				if (actual.getBytes(StandardCharsets.UTF_8).length != elided.bytes()) {
					return "size " + actual.getBytes(StandardCharsets.UTF_8).length + " instead of " + elided.bytes();
				}
				if (!actual.startsWith(elided.prefix()) || !actual.endsWith(elided.suffix())) {
					return "does not start and end as captured";
				}
				return null;
			}
			if (expected instanceof PongFrame pong) {
				boolean same = received.kind() == Received.Kind.PONG
						&& java.util.Arrays.equals(pong.data(), received.bytes());
				return same ? null : "not the pong";
			}
			Ended ended = (Ended) expected;
			if (received.kind() != Received.Kind.ENDED) {
				return "the connection has not ended";
			}
			if (ended.code() == null) {
				return (received.closeCode() == null) ? null : "a close frame where TCP closed without one";
			}
			boolean same = ended.code().equals(received.closeCode()) && ended.reason().equals(received.closeReason());
			return same ? null : "another close";
		}

		private void noteCrash(String text) {
			JsonNode frame = HubJson.parse(text);
			String event = field(frame, 3, "event");
			String topic = field(frame, 2, "topic");
			if ("phx_error".equals(event) && topic != null) {
				this.crashedTopics.add(topic);
			}
		}

		private boolean isLeave(String text) {
			JsonNode frame = HubJson.parse(text);
			JsonNode payload = frame.isArray() ? frame.get(4) : frame.get("payload");
			return "presence_diff".equals(field(frame, 3, "event")) && payload.get("joins").isEmpty();
		}

		/** A presence diff that only says this connection's crashed channel left. */
		private boolean isOwnLeaveAfterCrash(String text) {
			if (this.crashedTopics.isEmpty()) {
				return false;
			}
			JsonNode frame = HubJson.parse(text);
			String topic = field(frame, 2, "topic");
			if (!"presence_diff".equals(field(frame, 3, "event")) || !this.crashedTopics.contains(topic)) {
				return false;
			}
			JsonNode payload = frame.isArray() ? frame.get(4) : frame.get("payload");
			JsonNode leaves = payload.get("leaves");
			return payload.get("joins").isEmpty() && leaves.size() == 1
					&& leaves.values().iterator().next().get("metas").size() == 1;
		}

		private static @Nullable String field(JsonNode frame, int index, String name) {
			JsonNode value = frame.isArray() ? frame.get(index) : frame.get(name);
			return (value != null && value.isString()) ? value.stringValue() : null;
		}

		private static String describe(Expected expected) {
			if (expected instanceof TextFrame text) {
				return "TEXT " + TestConnection.Received.abbreviate(text.text());
			}
			if (expected instanceof ElidedTextFrame elided) {
				return "TEXT " + TestConnection.Received.abbreviate(elided.prefix()) + " ... "
						+ TestConnection.Received.abbreviate(elided.suffix()) + " (" + elided.bytes() + " bytes)";
			}
			return expected.toString();
		}

	}

}
