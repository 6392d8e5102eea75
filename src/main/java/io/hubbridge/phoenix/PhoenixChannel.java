package io.hubbridge.phoenix;

import java.time.Duration;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A joined channel on its own websocket connection. Obtained from
 * {@link PhoenixClient#join}; thread-safe.
 */
public final class PhoenixChannel {

	private final UpstreamConnection connection;

	PhoenixChannel(UpstreamConnection connection) {
		this.connection = connection;
	}

	/** A short id for logs, such as {@code up-3f2a}. */
	public String connectionId() {
		return this.connection.id();
	}

	public String topic() {
		return this.connection.topic();
	}

	/**
	 * Sends an event on the topic. Completes once the frame has been written and flushed
	 * to the socket; fails with {@link ConnectionClosedException} if the connection is
	 * gone, closing or leaving.
	 */
	public Mono<Void> push(String event, JsonNode payload) {
		return this.connection.push(event, payload);
	}

	/**
	 * Sends an event and waits for the {@code phx_reply} with its ref, whatever its
	 * status (see {@link Message#replyStatus()}). Fails with {@link PushTimeoutException}
	 * when no reply comes within the timeout, and with {@link ConnectionClosedException}
	 * when the connection ends first.
	 */
	public Mono<Message> request(String event, JsonNode payload, Duration timeout) {
		return this.connection.request(event, payload, timeout);
	}

	/**
	 * Completes once, with why the channel ended, when its socket is closed. Never fails.
	 */
	public Mono<Disconnect> disconnected() {
		return this.connection.disconnected();
	}

	/**
	 * Sends {@code phx_leave}, waits (bounded by the timeout) for its reply, then closes
	 * the socket with 1000; completes once the socket is closed. Idempotent: later calls
	 * wait for the same end. The channel then ends with {@link Disconnect.Kind#LEFT}
	 * unless it had ended otherwise before.
	 */
	public Mono<Void> leave(Duration timeout) {
		return this.connection.leave(timeout);
	}

	/**
	 * Closes the socket at once with 1000, without leaving; the channel ends with
	 * {@link Disconnect.Kind#CLOSED} unless it had ended otherwise before.
	 */
	public void close() {
		this.connection.close();
	}

	/**
	 * How many frames from the server were dropped as malformed: not JSON, wrong shape,
	 * binary non-UTF-8, or an event the join spec does not expect.
	 */
	public long malformedFrames() {
		return this.connection.malformedFrames();
	}

	@Override
	public String toString() {
		return "PhoenixChannel[" + this.connection + "]";
	}

}
