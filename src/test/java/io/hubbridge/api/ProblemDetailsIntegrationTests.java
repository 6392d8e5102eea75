package io.hubbridge.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

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
	@CsvSource(delimiter = '|',
			textBlock = """
					{"name":42,"body":"hi"}                  | wrong-type      | name  | must be a JSON string, not number
					{"name":"robin","body":true}             | wrong-type      | body  | must be a JSON string, not boolean
					{"name":"robin","body":null}             | wrong-type      | body  | must be a JSON string, not null
					{"name":["robin"],"body":{"a":1}}        | wrong-type      | name  | must be a JSON string, not array
					["robin","hi"]                           | wrong-type      | $     | must be a JSON object with "name" and "body", not array
					"robin"                                  | wrong-type      | $     | must be a JSON object with "name" and "body", not string
					{"name":"robin","body":"hi","to":"x"}    | unknown-field   | to    | is not a field of a shout
					{"name":"robin"}                         | invalid-request | body  | is required
					{"name":"robin","body":""}               | invalid-request | body  | must not be empty
					{"name":"","body":"hi"}                  | invalid-request | name  | must not be empty
					{"name":"ro\\u0000bin","body":"hi"}     | invalid-request | name  | must not contain NUL characters (U+0000 at character 2)
					{"name":"robin","body":"a\\u0000b"}     | invalid-request | body  | must not contain NUL characters (U+0000 at character 1)
					{"name":"robin","body":"a\\u0007b"}     | invalid-request | body  | must not contain control characters other than tab, line feed and carriage return (U+0007 at character 1)
					{"name":"robin","body":"a\\u0085b"}     | invalid-request | body  | must not contain control characters other than tab
					{"name":"ro\\tbin","body":"hi"}         | invalid-request | name  | must not contain control characters (U+0009 at character 2)
					{"name":"ro\\nbin","body":"hi"}         | invalid-request | name  | must not contain control characters (U+000A at character 2)
					{"name":"robin","body":"x\\ud800y"}     | invalid-request | body  | must not contain unpaired surrogates (U+D800 at character 1)
					{"name":"\\udfffrobin","body":"hi"}     | invalid-request | name  | must not contain unpaired surrogates (U+DFFF at character 0)
					""")
	void eachKindOfRefusedShoutHasItsOwnTypeAndNamesTheField(String json, String type, String field, String detail) {
		postShout("problems", json).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:" + type)
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.detail")
			.value((String text) -> assertThat(text).startsWith(field + ": " + detail))
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.errors[0].detail")
			.value((String text) -> assertThat(text).startsWith(detail));
	}

	@Test
	void textWithTabsLineBreaksAndPairedSurrogatesIsAccepted() {
		// reaches Hub: 201 once broadcast, 202 if the echo is late, never a 400
		postShout("problems", "{\"name\":\"r\u00f6bin \ud83d\ude00\",\"body\":\"a\\tb\\r\\nc \\ud83d\\ude00\"}")
			.expectStatus()
			.value((status) -> assertThat(status).isIn(201, 202))
			.expectBody()
			.jsonPath("$.room")
			.isEqualTo("problems");
	}

	@Test
	void nameLongerThanHubCanStoreIsRefused() {
		postShout("problems", "{\"name\":\"" + LONG_NAME + "\",\"body\":\"hi\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name")
			.jsonPath("$.errors[0].detail")
			.isEqualTo("must be at most 255 characters, not 256 (Hub stores it in a 255-character column)");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/api/rooms/{room}/events   | GET
			/api/rooms/{room}/shouts   | POST
			/api/rooms/{room}/shouts   | GET
			/api/rooms/{room}/presence | GET
			/api/rooms/{room}          | GET
			""")
	void roomNamesAreCheckedOnEveryEndpointThatTakesOne(String path, String method) {
		String pattern = "must match the pattern [A-Za-z0-9][A-Za-z0-9._~-]* (bridge.validation.room-pattern)";
		Map<String, String> refused = new LinkedHashMap<>();
		refused.put("r".repeat(256),
				"must be at most 255 characters, not 256 (Hub stores it in a 255-character column)");
		refused.put("bell\u0007", "must not contain control characters (U+0007 at character 4)");
		refused.put("two words", pattern);
		refused.put("room:lobby", pattern);
		refused.put("-starts-with-dash", pattern);
		refused.put("caf\u00e9", pattern);
		refused.forEach((room, detail) -> request(method, path, room).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			// read the body: WebTestClient leaks an unread one (spring-framework#36050)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:invalid-request")
			.jsonPath("$.detail")
			.isEqualTo("room: " + detail)
			.jsonPath("$.errors[0].field")
			.isEqualTo("room"));
		// a NUL or an encoded slash in the path is refused before
		// routing, by Spring Security's firewall, so no rule or controller can read the
		// path differently
		Map<String, String> refusedBeforeRouting = new LinkedHashMap<>();
		refusedBeforeRouting.put("nul\0room", "\"%00\"");
		refusedBeforeRouting.put("a/b", "\"%2F\"");
		refusedBeforeRouting.forEach((room, reason) -> request(method, path, room).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:malformed-request")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).startsWith("The request was rejected because")
				.containsIgnoringCase(reason)));
	}

	@Test
	void brokenJsonIsMalformedJsonSayingWhere() {
		postShout("problems", "{\"name\": \"robin\", ").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:malformed-json")
			.jsonPath("$.detail")
			.value((String text) -> assertThat(text).startsWith("The request body is not valid JSON: ")
				.endsWith("(line 1, column 19)"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					''                                              | The request body is empty
					{"name":"robin","body":"hi"} trailing           | The request body is not valid JSON
					{"name":"robin","name":"robin","body":"hi"}     | The request body is not valid JSON: Duplicate Object property "name"
					{name:"robin","body":"hi"}                      | The request body is not valid JSON
					""")
	void jsonThatIsNotExactlyOneValueIsMalformedJson(String json, String detail) {
		postShout("problems", json).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:malformed-json")
			.jsonPath("$.detail")
			.value((String text) -> assertThat(text).startsWith(detail));
	}

	@Test
	void deeplyNestedJsonIsMalformedJson() {
		postShout("problems", "[".repeat(5000) + "]".repeat(5000)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:malformed-json")
			.jsonPath("$.detail")
			.value((String text) -> assertThat(text).contains("nesting depth"));
	}

	@Test
	void bodyThatIsNotUtf8IsInvalidUtf8SayingWhere() {
		byte[] json = "{\"name\":\"robin\",\"body\":\"caf?\"}".getBytes(StandardCharsets.US_ASCII);
		json[27] = (byte) 0xE9; // é in ISO-8859-1
		postShout("problems", json).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:invalid-utf8")
			.jsonPath("$.detail")
			.isEqualTo("The request body is not valid UTF-8: malformed sequence of 1 byte(s) at byte offset 27");
	}

	@Test
	void utf8EncodedSurrogateIsInvalidUtf8() {
		byte[] prefix = "{\"name\":\"robin\",\"body\":\"".getBytes(StandardCharsets.US_ASCII);
		byte[] json = Arrays.copyOf(prefix, prefix.length + 5);
		// U+D800 encoded as if it were a character (CESU-8), then "}
		json[prefix.length] = (byte) 0xED;
		json[prefix.length + 1] = (byte) 0xA0;
		json[prefix.length + 2] = (byte) 0x80;
		json[prefix.length + 3] = '"';
		json[prefix.length + 4] = '}';
		postShout("problems", json).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:invalid-utf8");
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
			.value((String text) -> assertThat(text).startsWith("unknown event type 'shouts'"));
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
		return postShout(room, json.getBytes(StandardCharsets.UTF_8));
	}

	private WebTestClient.ResponseSpec postShout(String room, byte[] json) {
		return this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	private WebTestClient.ResponseSpec request(String method, String path, String room) {
		if (method.equals("POST")) {
			return postShout(room, "{\"name\":\"robin\",\"body\":\"hi\"}");
		}
		return this.http.get().uri(path, room).accept(MediaType.ALL).exchange();
	}

}
