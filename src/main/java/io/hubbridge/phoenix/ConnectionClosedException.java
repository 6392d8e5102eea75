package io.hubbridge.phoenix;

import org.jspecify.annotations.Nullable;

/**
 * A push could not be written, or its reply will never come, because the channel's
 * connection is gone (or going).
 */
public class ConnectionClosedException extends UpstreamException {

	private final @Nullable Disconnect disconnect;

	public ConnectionClosedException(String message, @Nullable Disconnect disconnect, @Nullable Throwable cause) {
		super(message, cause);
		this.disconnect = disconnect;
	}

	/** Why the connection ended, or {@code null} if that is not known yet. */
	public @Nullable Disconnect disconnect() {
		return this.disconnect;
	}

}
