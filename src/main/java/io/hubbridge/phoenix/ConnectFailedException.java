package io.hubbridge.phoenix;

import org.jspecify.annotations.Nullable;

/**
 * The websocket to Hub could not be opened (refused, handshake refused such as HTTP 403,
 * connect timeout) or closed before the join was answered.
 */
public class ConnectFailedException extends UpstreamException {

	private final @Nullable Integer httpStatus;

	public ConnectFailedException(String message, @Nullable Throwable cause) {
		this(message, null, cause);
	}

	public ConnectFailedException(String message, @Nullable Integer httpStatus, @Nullable Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
	}

	/**
	 * The HTTP status with which the server refused the websocket handshake, or
	 * {@code null} when it never answered one.
	 */
	public @Nullable Integer httpStatus() {
		return this.httpStatus;
	}

}
