package io.hubbridge.phoenix;

import org.jspecify.annotations.Nullable;

/**
 * Something went wrong towards Hub: expected and frequent (Hub restarts, networks drop),
 * so it carries no stack trace.
 */
public class UpstreamException extends RuntimeException {

	public UpstreamException(String message) {
		this(message, null);
	}

	public UpstreamException(String message, @Nullable Throwable cause) {
		super(message, cause, false, false);
	}

}
