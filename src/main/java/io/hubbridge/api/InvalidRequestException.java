package io.hubbridge.api;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request that is well-formed but not acceptable: answered with {@code 400} and the
 * offending fields. Expected from clients, so it carries no stack trace.
 */
final class InvalidRequestException extends ErrorResponseException {

	private InvalidRequestException(List<FieldError> errors) {
		super(HttpStatus.BAD_REQUEST, problem(errors), null);
	}

	private static ProblemDetail problem(List<FieldError> errors) {
		return problem(ProblemTypes.INVALID_REQUEST, "Invalid request", errors);
	}

	/** A {@code 400} of the given type listing each refused field. */
	static ProblemDetail problem(URI type, String title, List<FieldError> errors) {
		String detail = errors.stream()
			.map((e) -> e.field() + ": " + e.detail())
			.reduce((a, b) -> a + "; " + b)
			.orElse("");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(type);
		problem.setTitle(title);
		problem.setProperty("errors", errors);
		return problem;
	}

	static InvalidRequestException of(List<FieldError> errors) {
		return new InvalidRequestException(errors);
	}

	static InvalidRequestException field(String field, String detail) {
		return new InvalidRequestException(List.of(new FieldError(field, detail)));
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

	/**
	 * One field that was refused.
	 *
	 * @param field the field, path variable or query parameter
	 * @param detail what is wrong with it
	 */
	record FieldError(String field, String detail) {
	}

}
