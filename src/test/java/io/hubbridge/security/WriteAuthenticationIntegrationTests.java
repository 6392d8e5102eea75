package io.hubbridge.security;

import java.util.ArrayList;
import java.util.List;

import io.hubbridge.support.HttpReads;
import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes need credentials, reads stay open: posting a shout with no, a wrong or a right
 * API key, and with valid, expired, wrongly signed and foreign JWTs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "bridge.embedded-hub.port=0",
		// a loaded machine may take more than the default 5 s to join a room
		"bridge.rooms.join-wait=30s", "bridge.security.writes=authenticated", "bridge.security.api-keys[0].name=robin",
		"bridge.security.api-keys[0].key=" + WriteAuthenticationIntegrationTests.KEY })
class WriteAuthenticationIntegrationTests extends RunningBridge {

	static final String KEY = "robin-key-0123456789abcdef";

	private static final String SHOUT = "{\"name\":\"robin\",\"body\":\"hi\"}";

	@DynamicPropertySource
	static void jwt(DynamicPropertyRegistry registry) {
		TestJwts.trustIssuer(registry);
	}

	@Test
	void postWithoutCredentialsIsRefusedWithAProblemThatSaysWhatIsMissing() {
		JsonNode problem = ProblemAnswers.unauthorized(post((headers) -> {
		}), "This request needs credentials: an API key in the X-API-Key header or an Authorization: Bearer token");
		assertThat(problem.get("instance").stringValue()).isEqualTo("/api/rooms/auth-writes/shouts");
	}

	@Test
	void postWithAWrongApiKeyIsRefused() {
		ProblemAnswers.unauthorized(post((headers) -> headers.set("X-API-Key", "not-the-key-0123456789")),
				"The API key is not valid");
	}

	@Test
	void postWithTheRightApiKeyIsSent() {
		post((headers) -> headers.set("X-API-Key", KEY)).expectStatus().isCreated().expectBody().returnResult();
	}

	@Test
	void anApiKeyAlsoWorksAsABearerToken() {
		post((headers) -> headers.setBearerAuth(KEY)).expectStatus().isCreated().expectBody().returnResult();
	}

	@Test
	void postWithAValidJwtIsSent() {
		post((headers) -> headers.setBearerAuth(TestJwts.valid("robin"))).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
	}

	@Test
	void postWithAnExpiredJwtIsRefusedAsExpired() {
		ProblemAnswers.unauthorized(post((headers) -> headers.setBearerAuth(TestJwts.expired("robin"))),
				"The bearer token has expired");
	}

	@Test
	void postWithAJwtSignedByAnotherKeyIsRefused() {
		ProblemAnswers.unauthorized(post((headers) -> headers.setBearerAuth(TestJwts.wrongSignature("robin"))),
				"The bearer token's signature is not valid");
	}

	@Test
	void postWithAJwtOfAnotherIssuerIsRefused() {
		ProblemAnswers.unauthorized(post((headers) -> headers.setBearerAuth(TestJwts.wrongIssuer("robin"))),
				"The bearer token was not issued by the configured issuer");
	}

	@Test
	void postWithGarbageForABearerTokenIsRefusedWithoutEchoingIt() {
		String garbage = "eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2lnbmF0dXJl";
		var result = post((headers) -> headers.setBearerAuth(garbage)).expectStatus()
			.isUnauthorized()
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getResponseBody()).contains("The bearer token is not a valid JWT").doesNotContain(garbage);
		assertThat(result.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
			.anySatisfy((challenge) -> assertThat(challenge).startsWith("Bearer ").contains("error=\"invalid_token\""))
			.anySatisfy((challenge) -> assertThat(challenge).startsWith("ApiKey ").contains("header=\"X-API-Key\""));
	}

	@Test
	void aQueryTokenIsNotTakenForAPost() {
		ProblemAnswers.unauthorized(this.http.post()
			.uri("/api/rooms/auth-writes/shouts?access_token=" + KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(SHOUT)
			.exchange(), "This request needs credentials");
	}

	@Test
	void readsStayOpenAndIgnoreCredentials() {
		HttpReads.okJson(this.http, "/api/rooms/auth-writes-read/presence");
		this.http.get()
			.uri("/api/rooms")
			.header("X-API-Key", "a-wrong-key-for-an-open-read")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
	}

	@Test
	void pagesDocumentsAndHealthStayOpen() {
		for (String path : List.of("/", "/v3/api-docs", "/actuator/health")) {
			HttpReads.okBody(this.http, path);
		}
	}

	@Test
	void theOpenApiDocumentDeclaresTheSchemesAndTheUnauthorizedAnswerOfProtectedOperations() {
		JsonNode document = HttpReads.okJson(this.http, "/v3/api-docs");
		JsonNode schemes = document.at("/components/securitySchemes");
		assertThat(schemes.at("/apiKey/in").stringValue()).isEqualTo("header");
		assertThat(schemes.at("/apiKey/name").stringValue()).isEqualTo("X-API-Key");
		assertThat(schemes.at("/bearerJwt/scheme").stringValue()).isEqualTo("bearer");
		assertThat(schemes.at("/bearerJwt/bearerFormat").stringValue()).isEqualTo("JWT");
		assertThat(schemes.at("/accessTokenQuery/in").stringValue()).isEqualTo("query");
		assertThat(schemes.at("/accessTokenQuery/name").stringValue()).isEqualTo("access_token");
		assertThat(schemes.at("/tokenCookie/in").stringValue()).isEqualTo("cookie");
		JsonNode post = document.at("/paths/~1api~1rooms~1{room}~1shouts/post");
		List<String> requirements = new ArrayList<>();
		post.get("security").forEach((requirement) -> requirements.addAll(requirement.propertyNames()));
		assertThat(requirements).containsExactly("apiKey", "bearerJwt");
		JsonNode unauthorized = post.at("/responses/401/content/application~1problem+json");
		assertThat(unauthorized.at("/schema/$ref").stringValue()).isEqualTo("#/components/schemas/Problem");
		assertThat(unauthorized.at("/examples/expired/value/type").stringValue())
			.isEqualTo("urn:hub-bridge:problem:unauthorized");
		assertThat(unauthorized.at("/examples").propertyNames()).contains("missing", "wrong-api-key", "expired");
		// reads are open here: no requirement, no 401
		JsonNode presence = document.at("/paths/~1api~1rooms~1{room}~1presence/get");
		assertThat(presence.get("security")).isNull();
		assertThat(presence.at("/responses/401").isMissingNode()).isTrue();
	}

	private WebTestClient.ResponseSpec post(java.util.function.Consumer<HttpHeaders> credentials) {
		return this.http.post()
			.uri("/api/rooms/auth-writes/shouts")
			.headers(credentials)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(SHOUT)
			.exchange();
	}

}
