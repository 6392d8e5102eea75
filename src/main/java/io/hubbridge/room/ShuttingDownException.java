package io.hubbridge.room;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The bridge is shutting down and opens no new stream or room: answered with {@code 503}
 * and {@code Retry-After}, so that the client retries (on another replica, once the load
 * balancer has drained this one). Expected, so it carries no stack trace.
 */
public final class ShuttingDownException extends ErrorResponseException {

	public static final URI TYPE = URI.create("urn:hub-bridge:problem:shutting-down");

	private ShuttingDownException(String detail, Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(detail), null);
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setType(TYPE);
		problem.setTitle("Shutting down");
		return problem;
	}

	static ShuttingDownException refusing(Duration retryAfter) {
		return new ShuttingDownException(
				"The bridge is shutting down and opens no new room or stream; retry on another replica", retryAfter);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
