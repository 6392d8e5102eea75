package io.hubbridge.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.hubbridge.support.RawHttp;
import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules under {@code bridge.validation.*} as an operator sets them: room pattern,
 * lengths, and the request body cap, enforced before a body is buffered.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.validation.room-pattern=[a-z]+(-[a-z]+)*",
				"bridge.validation.max-room-length=12", "bridge.validation.max-name-length=5",
				"bridge.validation.max-body-length=10", "bridge.validation.max-request-size=1KB" })
class ValidationSettingsIntegrationTests extends RunningBridge {

	@Test
	void roomsMustMatchTheConfiguredPatternAndLength() {
		problem(post("Lobby", "{\"name\":\"robin\",\"body\":\"hi\"}"), "invalid-request").jsonPath("$.detail")
			.isEqualTo("room: must match the pattern [a-z]+(-[a-z]+)* (bridge.validation.room-pattern)");
		problem(post("abcdefghijklm", "{\"name\":\"robin\",\"body\":\"hi\"}"), "invalid-request").jsonPath("$.detail")
			.isEqualTo("room: must be at most 12 characters, not 13 (bridge.validation.max-room-length)");
		post("set-rooms", "{\"name\":\"robin\",\"body\":\"hi\"}").expectStatus()
			.value((status) -> assertThat(status).isIn(201, 202))
			.expectBody()
			.jsonPath("$.room")
			.isEqualTo("set-rooms");
	}

	@Test
	void namesAndBodiesMustKeepToTheConfiguredLengths() {
		problem(post("set-lengths", "{\"name\":\"robins\",\"body\":\"\\ud83d\\ude00\\ud83d\\ude00 twelve!!\"}"),
				"invalid-request")
			.jsonPath("$.errors[0].detail")
			.isEqualTo("must be at most 5 characters, not 6 (bridge.validation.max-name-length)")
			.jsonPath("$.errors[1].field")
			.isEqualTo("body")
			.jsonPath("$.errors[1].detail")
			.isEqualTo("must be at most 10 characters, not 11 (bridge.validation.max-body-length)");
	}

	@Test
	void bodyDeclaredLargerThanTheCapIsRefusedBeforeItIsSent() throws IOException {
		// the body is never sent: an answer proves the bridge did not wait for it
		RawHttp.Response response = RawHttp.exchange(this.port,
				head("/api/rooms/set-cap/shouts", "Content-Type: application/json", "Content-Length: 100000000"),
				new byte[0], false);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.text()).contains("\"type\":\"urn:hub-bridge:problem:payload-too-large\"")
			.contains("larger than 1024 bytes")
			.contains("\"instance\":\"/api/rooms/set-cap/shouts\"");
	}

	@Test
	void chunkedBodyIsCountedAsItArrives() throws IOException {
		String json = "{\"name\":\"robin\",\"body\":\"" + "x".repeat(1100) + "\"}";
		RawHttp.Response response = RawHttp.exchange(this.port,
				head("/api/rooms/set-cap/shouts", "Content-Type: application/json", "Transfer-Encoding: chunked"),
				chunked(json), true);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.text()).contains("\"type\":\"urn:hub-bridge:problem:payload-too-large\"");
	}

	@Test
	void chunkedBodyWithinTheCapIsRead() throws IOException {
		RawHttp.Response response = RawHttp.exchange(this.port,
				head("/api/rooms/set-cap/shouts", "Content-Type: application/json", "Transfer-Encoding: chunked"),
				chunked("{\"name\":\"robin\",\"body\":\"" + "\\u0007" + "\"}"), true);
		// read, parsed and judged: the body's content is what is refused
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text()).contains("\"type\":\"urn:hub-bridge:problem:invalid-request\"");
	}

	private static String head(String path, String... headers) {
		return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + String.join("\r\n", headers)
				+ "\r\n";
	}

	private static byte[] chunked(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		StringBuilder chunks = new StringBuilder();
		for (int i = 0; i < bytes.length; i += 100) {
			int length = Math.min(100, bytes.length - i);
			chunks.append(Integer.toHexString(length))
				.append("\r\n")
				.append(new String(bytes, i, length, StandardCharsets.UTF_8))
				.append("\r\n");
		}
		return chunks.append("0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
	}

	private WebTestClient.ResponseSpec post(String room, String json) {
		return this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, String type) {
		return response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:" + type);
	}

}
