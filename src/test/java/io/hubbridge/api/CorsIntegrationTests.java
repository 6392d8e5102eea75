package io.hubbridge.api;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Browsers of the configured origins may use the API; others may not. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "bridge.embedded-hub.port=0",
		"bridge.cors.allowed-origins=https://chat.example.com", "bridge.cors.max-age=10m" })
class CorsIntegrationTests {

	private static final String ALLOWED = "https://chat.example.com";

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.responseTimeout(Duration.ofSeconds(30))
			.baseUrl("http://localhost:" + this.port)
			.build();
	}

	@Test
	void preflightOfAPostWithAnIdempotencyKeyFromAnAllowedOriginIsAnswered() {
		this.http.options()
			.uri("/api/rooms/lobby/shouts")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,idempotency-key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, (methods) -> methods.contains("POST"))
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
	}

	@Test
	void requestFromAnAllowedOriginCarriesTheCorsHeaders() {
		this.http.get()
			.uri("/api/rooms")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, (exposed) -> exposed.contains("Retry-After"));
	}

	@Test
	void requestFromAnotherOriginIsRefused() {
		this.http.post()
			.uri("/api/rooms/lobby/shouts")
			.header(HttpHeaders.ORIGIN, "https://evil.example.com")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"hi\"}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
