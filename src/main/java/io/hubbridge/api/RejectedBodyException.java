package io.hubbridge.api;

import java.net.URI;
import java.util.List;

import io.hubbridge.api.InvalidRequestException.FieldError;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * A request body refused before its content is judged: too large, not UTF-8, not JSON, or
 * JSON of the wrong shape. Each kind has its own problem type. Expected from clients, so
 * it carries no stack trace.
 */
final class RejectedBodyException extends ErrorResponseException {

	private RejectedBodyException(HttpStatus status, ProblemDetail problem) {
		super(status, problem, null);
	}

	private static RejectedBodyException of(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return new RejectedBodyException(status, problem);
	}

	static RejectedBodyException tooLarge(DataSize limit) {
		return of(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
				"The request body is larger than " + limit.toBytes()
						+ " bytes, the most the bridge accepts (bridge.validation.max-request-size)");
	}

	static RejectedBodyException invalidUtf8(String detail) {
		return of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_UTF8, "Invalid UTF-8", detail);
	}

	static RejectedBodyException malformedJson(String detail) {
		return of(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_JSON, "Malformed JSON", detail);
	}

	static RejectedBodyException wrongType(List<FieldError> errors) {
		return new RejectedBodyException(HttpStatus.BAD_REQUEST,
				InvalidRequestException.problem(ProblemTypes.WRONG_TYPE, "Wrong JSON type", errors));
	}

	static RejectedBodyException unknownField(List<FieldError> errors) {
		return new RejectedBodyException(HttpStatus.BAD_REQUEST,
				InvalidRequestException.problem(ProblemTypes.UNKNOWN_FIELD, "Unknown field", errors));
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
