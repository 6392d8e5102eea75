package io.hubbridge.support;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * GETs that must answer {@code 200}, read to the end (a body left unread keeps its
 * buffers).
 */
public final class HttpReads {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private HttpReads() {
	}

	public static byte[] okBody(WebTestClient http, String path) {
		return http.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
	}

	public static JsonNode okJson(WebTestClient http, String path) {
		return JSON.readTree(okBody(http, path));
	}

	public static String okText(WebTestClient http, String path) {
		return new String(okBody(http, path), StandardCharsets.UTF_8);
	}

}
