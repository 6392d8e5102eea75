package io.hubbridge.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A shout names someone other than who posts it, with name binding on. */
class ShoutNameNotBoundException extends ErrorResponseException {

	private ShoutNameNotBoundException(String detail) {
		super(HttpStatus.FORBIDDEN, problem(detail), null);
	}

	static ShoutNameNotBoundException mismatch(String principal, String name) {
		return new ShoutNameNotBoundException("A shout's name must be the authenticated name: you are '" + principal
				+ "', the shout says '" + name + "'");
	}

	static ShoutNameNotBoundException unauthenticated() {
		return new ShoutNameNotBoundException("A shout's name must be the authenticated name, and nobody is");
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
		problem.setType(SecurityProblems.FORBIDDEN);
		problem.setTitle("Forbidden");
		return problem;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// an expected refusal
		return this;
	}

}
