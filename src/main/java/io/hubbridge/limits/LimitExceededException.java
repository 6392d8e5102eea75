package io.hubbridge.limits;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request refused by a {@link Limit}: {@code 429} or {@code 503} with the limit's
 * problem type and {@code Retry-After} in whole seconds, rounded up. Frequent under load,
 * so it carries no stack trace. Created by {@link RejectedRequests#refuse}, which counts
 * it.
 */
public final class LimitExceededException extends ErrorResponseException {

	private final Limit limit;

	private final Duration retryAfter;

	LimitExceededException(Limit limit, String detail, Duration retryAfter) {
		super(limit.status(), problem(limit, detail), null);
		this.limit = limit;
		this.retryAfter = retryAfter;
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(retryAfter)));
	}

	private static ProblemDetail problem(Limit limit, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(limit.status(), detail);
		problem.setType(limit.type());
		problem.setTitle(limit.title());
		return problem;
	}

	/**
	 * Whole seconds, rounded up, at least 1: {@code Retry-After: 0} would invite a storm.
	 */
	static long retryAfterSeconds(Duration retryAfter) {
		long nanos = Math.max(0, retryAfter.toNanos());
		return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
	}

	public Limit limit() {
		return this.limit;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
