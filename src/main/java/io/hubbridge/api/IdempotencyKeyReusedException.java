package io.hubbridge.api;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An {@code Idempotency-Key} sent again with a different request: answered with
 * {@code 422}, and nothing is done. Expected from clients, so it carries no stack trace.
 */
final class IdempotencyKeyReusedException extends ErrorResponseException {

	static final URI TYPE = URI.create("urn:hub-bridge:problem:idempotency-key-reused");

	private IdempotencyKeyReusedException(String key) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(key), null);
	}

	private static ProblemDetail problem(String key) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"Idempotency-Key '" + key + "' was used for a different shout in this room; use a new key");
		problem.setType(TYPE);
		problem.setTitle("Idempotency key reused");
		return problem;
	}

	static IdempotencyKeyReusedException of(String key) {
		return new IdempotencyKeyReusedException(key);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
