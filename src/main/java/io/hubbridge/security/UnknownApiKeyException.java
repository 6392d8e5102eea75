package io.hubbridge.security;

import org.springframework.security.authentication.BadCredentialsException;

/** A presented API key is none of the configured ones. */
class UnknownApiKeyException extends BadCredentialsException {

	UnknownApiKeyException() {
		super("The API key is not valid");
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// frequent and expected: a wrong key
		return this;
	}

}
