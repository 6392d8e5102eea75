package io.hubbridge.room;

import java.net.URI;

import io.hubbridge.phoenix.FrameTooLargeException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A shout too large for the upstream's frame limit ({@code bridge.hub.max-frame-size}):
 * answered with {@code 413} and never sent, since Hub's broadcast of it would not fit the
 * limit either and would cost the room its connection.
 */
public final class ShoutTooLargeException extends ErrorResponseException {

	public static final URI TYPE = URI.create("urn:hub-bridge:problem:payload-too-large");

	private ShoutTooLargeException(String detail, Throwable cause) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(detail), cause);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
		problem.setType(TYPE);
		return problem;
	}

	static ShoutTooLargeException of(String room, FrameTooLargeException cause) {
		return new ShoutTooLargeException(
				"The shout takes " + cause.size() + " bytes as a Hub frame; the bridge sends "
						+ "and accepts frames of at most " + cause.limit() + " bytes (bridge.hub.max-frame-size)",
				cause);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
