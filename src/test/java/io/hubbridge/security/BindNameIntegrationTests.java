package io.hubbridge.security;

import java.util.function.Consumer;

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
 * With {@code bind-name}, a shout's name must be who posts it: the API key's name, the
 * JWT's {@code preferred_username}, or its {@code sub} when it has none.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "bridge.embedded-hub.port=0",
		// a loaded machine may take more than the default 5 s to join a room
		"bridge.rooms.join-wait=30s", "bridge.security.writes=authenticated", "bridge.security.bind-name=true",
		"bridge.security.api-keys[0].name=alice", "bridge.security.api-keys[0].key=" + BindNameIntegrationTests.ALICE })
class BindNameIntegrationTests extends RunningBridge {

	static final String ALICE = "alice-key-0123456789abcdef";

	@DynamicPropertySource
	static void jwt(DynamicPropertyRegistry registry) {
		TestJwts.trustPublicKey(registry);
	}

	@Test
	void aShoutInTheNameOfTheApiKeyIsSent() {
		post("alice", (headers) -> headers.set("X-API-Key", ALICE)).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
	}

	@Test
	void aShoutInAnotherNameIsRefusedAndNeverSent() {
		JsonNode problem = ProblemAnswers.forbidden(post("mallory", (headers) -> headers.set("X-API-Key", ALICE)),
				"A shout's name must be the authenticated name: you are 'alice', the shout says 'mallory'");
		assertThat(problem.get("instance").stringValue()).isEqualTo("/api/rooms/bind-name/shouts");
		// a shout after it: had the refused one left, Hub would have broadcast it first
		post("alice", (headers) -> headers.set("X-API-Key", ALICE)).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
		JsonNode recent = HttpReads.okJson(this.http, "/api/rooms/bind-name/shouts");
		assertThat(recent).isNotEmpty();
		recent.forEach((shout) -> assertThat(shout.at("/shout/name").stringValue()).isNotEqualTo("mallory"));
	}

	@Test
	void aJwtIsNamedByItsPreferredUsername() {
		post("bob", (headers) -> headers.setBearerAuth(TestJwts.valid("bob"))).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
		ProblemAnswers.forbidden(post("alice", (headers) -> headers.setBearerAuth(TestJwts.valid("bob"))),
				"you are 'bob'");
	}

	@Test
	void aJwtWithoutPreferredUsernameIsNamedByItsSubject() {
		post("carol", (headers) -> headers.setBearerAuth(TestJwts.withSubjectOnly("carol"))).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
	}

	@Test
	void theOpenApiDocumentDeclaresTheForbiddenAnswer() {
		JsonNode forbidden = HttpReads.okJson(this.http, "/v3/api-docs")
			.at("/paths/~1api~1rooms~1{room}~1shouts/post/responses/403/content/application~1problem+json");
		assertThat(forbidden.at("/schema/$ref").stringValue()).isEqualTo("#/components/schemas/Problem");
		assertThat(forbidden.at("/examples/name-not-bound/value/type").stringValue())
			.isEqualTo("urn:hub-bridge:problem:forbidden");
	}

	private WebTestClient.ResponseSpec post(String name, Consumer<HttpHeaders> credentials) {
		return this.http.post()
			.uri("/api/rooms/bind-name/shouts")
			.headers(credentials)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"" + name + "\",\"body\":\"hi\"}")
			.exchange();
	}

}
