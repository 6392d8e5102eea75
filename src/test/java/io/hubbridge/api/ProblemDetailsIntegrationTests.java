package io.hubbridge.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every refused request answers with problem details of a stable type and a precise
 * detail.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class ProblemDetailsIntegrationTests {

	private static final String LONG_NAME = "n".repeat(256);

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.responseTimeout(java.time.Duration.ofSeconds(30))
			.baseUrl("http://localhost:" + this.port)
			.build();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"name":42,"body":"hi"}                 | name  | must be a JSON string, not number
			{"name":"robin","body":true}            | body  | must be a JSON string, not boolean
			{"name":"robin"}                        | body  | is required
			{"name":"robin","body":"hi","to":"x"}   | to    | is not a field of a shout
			{"name":"robin","body":""}              | body  | must not be empty
			{"name":"ro\\u0000bin","body":"hi"}     | name  | must not contain NUL characters
			{"name":"robin","body":"a\\u0000b"}     | body  | must not contain NUL characters
			{"name":"robin","body":"a\\u0007b"}     | body  | must not contain control characters other than tab
			["robin","hi"]                          | $     | must be a JSON object
			""")
	void shoutOfTheWrongShapeIsRefusedNeverCoerced(String json, String field, String detail) {
		postShout("problems", json).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:invalid-request")
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.errors[0].detail")
			.value((String text) -> org.assertj.core.api.Assertions.assertThat(text).startsWith(detail));
	}

	@Test
	void nameLongerThanHubCanStoreIsRefused() {
		postShout("problems", "{\"name\":\"" + LONG_NAME + "\",\"body\":\"hi\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name")
			.jsonPath("$.errors[0].detail")
			.isEqualTo("must be at most 255 characters (Hub stores it in a 255-character column)");
	}

	@Test
	void roomNameLongerThanHubCanStoreIsRefusedOnEveryEndpoint() {
		String room = "r".repeat(256);
		postShout(room, "{\"name\":\"robin\",\"body\":\"hi\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("room");
		this.http.get()
			.uri("/api/rooms/{room}/presence", room)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			// read the body: WebTestClient leaks an unread one (spring-framework#36050)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:invalid-request");
		this.http.get()
			.uri("/api/rooms/{room}/events", room)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:invalid-request");
	}

	@Test
	void brokenJsonIsAMalformedRequest() {
		postShout("problems", "{\"name\": \"robin\", ").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:malformed-request");
	}

	@Test
	void shoutThatIsNotJsonIsAnUnsupportedMediaType() {
		this.http.post()
			.uri("/api/rooms/problems/shouts")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:unsupported-media-type");
	}

	@Test
	void unknownEventTypeIsRefusedBeforeTheStreamStarts() {
		this.http.get()
			.uri("/api/rooms/problems/events?types=shouts")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("types")
			.jsonPath("$.errors[0].detail")
			.value((String text) -> org.assertj.core.api.Assertions.assertThat(text)
				.startsWith("unknown event type 'shouts'"));
	}

	@Test
	void roomWithoutSessionIsNotFoundAndNotOpened() {
		this.http.get()
			.uri("/api/rooms/never-opened")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:room-not-open");
		this.http.get()
			.uri("/api/rooms")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.room == 'never-opened')]")
			.doesNotExist();
	}

	@Test
	void limitOutOfRangeIsRefused() {
		this.http.get()
			.uri("/api/rooms/problems/shouts?limit=0")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("limit");
	}

	@Test
	void unknownPathIsNotFound() {
		this.http.get()
			.uri("/api/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:not-found");
	}

	@Test
	void wrongMethodIsNotAllowed() {
		this.http.delete()
			.uri("/api/rooms/problems/shouts")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:method-not-allowed");
	}

	private WebTestClient.ResponseSpec postShout(String room, String json) {
		return this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

}
