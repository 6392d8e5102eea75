package io.hubbridge.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A room that has no open session here: {@code 404}. */
final class RoomNotOpenException extends ErrorResponseException {

	RoomNotOpenException(String room) {
		super(HttpStatus.NOT_FOUND, problem(room), null);
	}

	private static ProblemDetail problem(String room) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"Room '" + room + "' has no open session on this bridge");
		problem.setType(ProblemTypes.ROOM_NOT_OPEN);
		problem.setTitle("Room not open");
		return problem;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
