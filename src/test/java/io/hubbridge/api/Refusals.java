package io.hubbridge.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What tests of the limits expect of a refused request. */
final class Refusals {

	private Refusals() {
	}

	/**
	 * The request was refused by the limit with its status, problem type and
	 * {@code Retry-After}; the body is read to the end.
	 */
	static void assertRefused(WebTestClient.ResponseSpec response, int status, String reason, String retryAfter) {
		assertRefused(response, status, reason, Integer.parseInt(retryAfter), Integer.parseInt(retryAfter));
	}

	/**
	 * The request was refused by the limit, with a {@code Retry-After} of whole seconds
	 * within the range.
	 */
	static void assertRefused(WebTestClient.ResponseSpec response, int status, String reason, int minRetryAfter,
			int maxRetryAfter) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER,
					(value) -> assertThat(Integer.parseInt(value)).isBetween(minRetryAfter, maxRetryAfter))
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:" + reason)
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.detail")
			.isNotEmpty();
	}

	static WebTestClient.ResponseSpec stream(WebTestClient http, String room) {
		return http.get().uri("/api/rooms/{room}/events", room).accept(MediaType.TEXT_EVENT_STREAM).exchange();
	}

	static WebTestClient.ResponseSpec shout(WebTestClient http, String room) {
		return http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"hi\"}")
			.exchange();
	}

	static WebTestClient.ResponseSpec presence(WebTestClient http, String room) {
		return http.get().uri("/api/rooms/{room}/presence", room).exchange();
	}

}
