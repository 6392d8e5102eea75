package io.hubbridge.security;

import io.hubbridge.support.HttpReads;
import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no {@code bridge.security.*}, Spring Security changes nothing: no generated user,
 * no credentials, no CSRF token, no added headers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "bridge.embedded-hub.port=0",
		// a loaded machine may take more than the default 5 s to join a room
		"bridge.rooms.join-wait=30s" })
class SecurityDefaultsIntegrationTests extends RunningBridge {

	@Autowired
	ApplicationContext context;

	@Test
	void thereIsNoGeneratedUser() {
		assertThat(this.context.getBeanNamesForType(ReactiveUserDetailsService.class)).isEmpty();
	}

	@Test
	void aPostNeedsNoCredentialsAndNoCsrfToken() {
		this.http.post()
			.uri("/api/rooms/open-defaults/shouts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"hi\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
	}

	@Test
	void readsAnswerWithoutSpringSecuritysHeaders() {
		this.http.get()
			.uri("/api/rooms")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Frame-Options")
			.expectHeader()
			.doesNotExist("X-Content-Type-Options")
			.expectHeader()
			.doesNotExist("Cache-Control")
			.expectBody()
			.returnResult();
	}

	@Test
	void credentialsThatAreSentAnywayAreIgnored() {
		this.http.get()
			.uri("/api/rooms")
			.header("X-API-Key", "whatever-0123456789abcdef")
			.header("Authorization", "Bearer not.a.jwt")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
	}

	@Test
	void theOpenApiDocumentDeclaresTheSchemesButRequiresNone() {
		JsonNode document = HttpReads.okJson(this.http, "/v3/api-docs");
		assertThat(document.at("/components/securitySchemes").propertyNames()).contains("apiKey", "bearerJwt",
				"accessTokenQuery", "tokenCookie");
		document.get("paths").forEach((path) -> path.forEach((operation) -> {
			assertThat(operation.get("security")).isNull();
			assertThat(operation.at("/responses/401").isMissingNode()).isTrue();
		}));
	}

}
