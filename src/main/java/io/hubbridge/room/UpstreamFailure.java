package io.hubbridge.room;

import java.time.Duration;
import java.util.Locale;

import io.hubbridge.phoenix.ConnectFailedException;
import io.hubbridge.phoenix.Disconnect;
import io.hubbridge.phoenix.JoinRefusedException;
import io.hubbridge.phoenix.JoinTimeoutException;

/**
 * Why an upstream attempt failed or a joined session was lost: a low-cardinality cause
 * for metrics, the reason subscribers read, and which retry schedule applies.
 *
 * @param cause what kind of failure it was
 * @param reason a short human-readable reason, never empty
 */
record UpstreamFailure(Cause cause, String reason) {

	/** An attempt that failed before the join was answered ok. */
	static UpstreamFailure of(Throwable error) {
		String message = (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName();
		if (error instanceof JoinRefusedException) {
			return new UpstreamFailure(Cause.JOIN_REFUSED, message);
		}
		if (error instanceof JoinTimeoutException) {
			return new UpstreamFailure(Cause.JOIN_TIMEOUT, message);
		}
		if (!(error instanceof ConnectFailedException)) {
			// PhoenixClient fails only with the three above: anything else is a bug here
			message = error.toString();
		}
		return new UpstreamFailure(Cause.CONNECT, message);
	}

	/**
	 * A joined session that ended without being asked to.
	 * @param disconnect how it ended
	 * @param heartbeatInterval the heartbeat period, named when heartbeats went
	 * unanswered
	 */
	static UpstreamFailure of(Disconnect disconnect, Duration heartbeatInterval) {
		String status = (disconnect.closeStatus() != null) ? " (" + disconnect.closeStatus() + ")" : "";
		String detail = disconnect.reason().isEmpty() ? "" : ": " + disconnect.reason();
		return switch (disconnect.kind()) {
			case HEARTBEAT_TIMEOUT -> new UpstreamFailure(Cause.HEARTBEAT,
					"heartbeat timeout: no reply within " + heartbeatInterval.toMillis() + " ms");
			case CHANNEL_ERROR -> new UpstreamFailure(Cause.CHANNEL_ERROR, "Hub crashed the channel (phx_error)");
			case CHANNEL_CLOSED -> new UpstreamFailure(Cause.CHANNEL_ERROR, "Hub closed the channel (phx_close)");
			case DECODE_ERROR -> new UpstreamFailure(Cause.CLOSED, "undecodable frame" + status + detail);
			default -> new UpstreamFailure(Cause.CLOSED, "socket closed" + status + detail);
		};
	}

	/**
	 * Whether the socket was fine and the channel failed: Phoenix clients rejoin after
	 * these on the slower rejoin schedule.
	 */
	boolean channelLevel() {
		return this.cause == Cause.JOIN_REFUSED || this.cause == Cause.JOIN_TIMEOUT
				|| this.cause == Cause.CHANNEL_ERROR;
	}

	/** The kinds of upstream failure, as the {@code cause} tag of the failure counter. */
	enum Cause {

		/** The websocket could not be opened, or closed before the join reply. */
		CONNECT,

		/** Hub answered the join with an error. */
		JOIN_REFUSED,

		/** Hub did not answer the join in time. */
		JOIN_TIMEOUT,

		/** A joined session stopped answering heartbeats. */
		HEARTBEAT,

		/** A joined session's socket was closed or dropped. */
		CLOSED,

		/**
		 * Hub crashed or closed a joined channel ({@code phx_error}, {@code phx_close}).
		 */
		CHANNEL_ERROR;

		private final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

		String tag() {
			return this.tag;
		}

	}

}
