package io.hubbridge.phoenix;

import org.jspecify.annotations.Nullable;

/**
 * Why a channel and its connection ended.
 *
 * @param kind what ended it
 * @param closeStatus the websocket close code that was sent or received, or {@code null}
 * when the connection ended without a close frame (TCP drop)
 * @param reason a short human-readable reason, never {@code null}
 */
public record Disconnect(Kind kind, @Nullable Integer closeStatus, String reason) {

	/**
	 * Whether the channel ended while its socket was fine: Hub crashed or closed the
	 * channel. Phoenix clients rejoin after these (with the rejoin backoff) rather than
	 * reconnect.
	 */
	public boolean channelLevel() {
		return this.kind == Kind.CHANNEL_ERROR || this.kind == Kind.CHANNEL_CLOSED;
	}

	/** Whether this side asked for the end ({@link Kind#LEFT} or {@link Kind#CLOSED}). */
	public boolean requested() {
		return this.kind == Kind.LEFT || this.kind == Kind.CLOSED;
	}

	@Override
	public String toString() {
		return this.kind + ((this.closeStatus != null) ? " " + this.closeStatus : "")
				+ (this.reason.isEmpty() ? "" : " (" + this.reason + ")");
	}

	/** What ended a channel. */
	public enum Kind {

		/**
		 * The server closed the socket (including Hub's idle close with 1000) or the TCP
		 * connection dropped.
		 */
		SOCKET_CLOSED,

		/**
		 * A heartbeat was still unanswered when the next was due; this side closed the
		 * socket with 1000 "heartbeat timeout".
		 */
		HEARTBEAT_TIMEOUT,

		/** Hub sent {@code phx_error}: the channel process crashed. */
		CHANNEL_ERROR,

		/** Hub sent {@code phx_close} without being asked to leave. */
		CHANNEL_CLOSED,

		/**
		 * A websocket frame could not be decoded at all (for example larger than the
		 * maximum frame payload length); the socket was closed.
		 */
		DECODE_ERROR,

		/** This side left the channel with {@code phx_leave} and closed the socket. */
		LEFT,

		/**
		 * This side closed the socket without leaving (close, cancelled or failed join).
		 */
		CLOSED

	}

}
