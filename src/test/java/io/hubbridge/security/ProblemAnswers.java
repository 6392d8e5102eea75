package io.hubbridge.security;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of the {@code 401} and {@code 403} problems, read to the end. */
final class ProblemAnswers {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemAnswers() {
	}

	/** A {@code 401} problem with this detail and a WWW-Authenticate challenge. */
	static JsonNode unauthorized(WebTestClient.ResponseSpec response, String detail) {
		var result = response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult();
		List<String> challenges = result.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE);
		assertThat(challenges).as("WWW-Authenticate").isNotEmpty();
		assertThat(challenges).allSatisfy((challenge) -> assertThat(challenge).contains("realm=\"hub-bridge\""));
		JsonNode problem = JSON.readTree(result.getResponseBody());
		assertThat(problem.get("type").stringValue()).isEqualTo("urn:hub-bridge:problem:unauthorized");
		assertThat(problem.get("status").intValue()).isEqualTo(401);
		assertThat(problem.get("title").stringValue()).isEqualTo("Unauthorized");
		assertThat(problem.get("detail").stringValue()).contains(detail);
		assertThat(problem.get("instance").stringValue()).startsWith("/api/");
		return problem;
	}

	/** A {@code 403} problem with this detail. */
	static JsonNode forbidden(WebTestClient.ResponseSpec response, String detail) {
		byte[] body = response.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
		JsonNode problem = JSON.readTree(body);
		assertThat(problem.get("type").stringValue()).isEqualTo("urn:hub-bridge:problem:forbidden");
		assertThat(problem.get("status").intValue()).isEqualTo(403);
		assertThat(problem.get("detail").stringValue()).contains(detail);
		return problem;
	}

}
