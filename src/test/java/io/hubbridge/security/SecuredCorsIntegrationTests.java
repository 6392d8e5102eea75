package io.hubbridge.security;

import org.junit.jupiter.api.Test;

import io.hubbridge.support.RunningBridge;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS with authentication on: a preflight needs no credentials and allows the credential
 * headers; a refusal still carries the CORS headers, so that a page of an allowed origin
 * can read its problem.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "bridge.embedded-hub.port=0",
		// a loaded machine may take more than the default 5 s to join a room
		"bridge.rooms.join-wait=30s", "bridge.cors.allowed-origins=https://chat.example.com",
		"bridge.security.writes=authenticated", "bridge.security.reads=authenticated",
		"bridge.security.api-keys[0].name=robin",
		"bridge.security.api-keys[0].key=" + SecuredCorsIntegrationTests.KEY })
class SecuredCorsIntegrationTests extends RunningBridge {

	static final String KEY = "robin-key-0123456789abcdef";

	private static final String ALLOWED = "https://chat.example.com";

	@Test
	void preflightOfAnAuthenticatedPostIsAnsweredWithoutCredentials() {
		this.http.options()
			.uri("/api/rooms/lobby/shouts")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,authorization,x-api-key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					(allowed) -> assertThat(allowed.toLowerCase()).contains("authorization", "x-api-key"))
			.expectBody()
			.isEmpty();
	}

	@Test
	void preflightOfAStreamIsAnsweredWithoutCredentials() {
		this.http.options()
			.uri("/api/rooms/lobby/events")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-api-key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectBody()
			.isEmpty();
	}

	@Test
	void aRefusalCarriesTheCorsHeadersSoThePageCanReadIt() {
		var response = this.http.post()
			.uri("/api/rooms/lobby/shouts")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"hi\"}")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					(exposed) -> assertThat(exposed).contains(HttpHeaders.WWW_AUTHENTICATE));
		ProblemAnswers.unauthorized(response, "This request needs credentials");
	}

	@Test
	void anAuthenticatedCrossOriginPostIsSent() {
		this.http.post()
			.uri("/api/rooms/lobby/shouts")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header("X-API-Key", KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"hi\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectBody()
			.returnResult();
	}

	@Test
	void anotherOriginIsStillRefused() {
		this.http.get()
			.uri("/api/rooms")
			.header(HttpHeaders.ORIGIN, "https://evil.example.com")
			.header("X-API-Key", KEY)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.returnResult();
	}

}
