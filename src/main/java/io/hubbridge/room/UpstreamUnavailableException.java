package io.hubbridge.room;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The room's upstream could not do what a request needed in time: answered with
 * {@code 503} and {@code Retry-After}. Expected whenever Hub is away, so it carries no
 * stack trace.
 */
public final class UpstreamUnavailableException extends ErrorResponseException {

	public static final URI TYPE = URI.create("urn:hub-bridge:problem:upstream-unavailable");

	private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	private UpstreamUnavailableException(String detail, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(detail), cause);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setType(TYPE);
		problem.setTitle("Upstream unavailable");
		return problem;
	}

	static UpstreamUnavailableException notJoined(String room) {
		return new UpstreamUnavailableException("Room '" + room + "' could not be joined on Hub in time", null);
	}

	static UpstreamUnavailableException notSent(String room, Throwable cause) {
		return new UpstreamUnavailableException(
				"The shout could not be sent to Hub: the upstream of room '" + room + "' was lost", cause);
	}

	static UpstreamUnavailableException busy(String room) {
		return new UpstreamUnavailableException("Too many shouts are waiting for Hub in room '" + room + "'", null);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
