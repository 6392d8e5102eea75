package io.hubbridge.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.hubbridge.support.HttpReads;
import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The committed OpenAPI document ({@code src/main/openapi/hub-bridge.json}) is what the
 * bridge serves: an API change shows in review as a change of that file, and clients are
 * generated from it. {@code -Dopenapi.update=true} rewrites the file from the served
 * document.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class OpenApiFileIntegrationTests extends RunningBridge {

	static final Path COMMITTED = Path.of("src/main/openapi/hub-bridge.json");

	static final Path SERVED = Path.of("target/openapi/hub-bridge.json");

	private static final String UPDATE_COMMAND = "./mvnw -q -B test -Dopenapi.update=true";

	/**
	 * Where the served document says it is: the README's address, not the test's port.
	 */
	private static final String SERVER_URL = "http://localhost:8080";

	private static final int MAX_LISTED = 25;

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Test
	void servesTheCommittedDocument() throws IOException {
		JsonNode served = normalized(HttpReads.okJson(this.http, "/v3/api-docs"));
		Files.createDirectories(SERVED.getParent());
		write(served, SERVED);
		if (Boolean.getBoolean("openapi.update")) {
			write(served, COMMITTED);
			return;
		}
		assertThat(COMMITTED).as("the committed OpenAPI document; create it with %s", UPDATE_COMMAND).exists();
		JsonNode committed = JSON.readTree(COMMITTED.toFile());
		List<String> differences = new ArrayList<>();
		compare("", committed, served, differences);
		if (!differences.isEmpty()) {
			fail("""
					The OpenAPI document the bridge serves is not %s (%d difference(s)):
					  %s
					The served document is in %s. If the API change is intended, update the committed file and \
					commit it with the change:
					  %s""".formatted(COMMITTED, differences.size(),
					String.join("\n  ", differences.subList(0, Math.min(MAX_LISTED, differences.size())))
							+ ((differences.size() > MAX_LISTED) ? "\n  …" : ""),
					SERVED.toAbsolutePath(), UPDATE_COMMAND));
		}
	}

	/** The served document with the server's random port replaced. */
	static JsonNode normalized(JsonNode document) {
		document.path("servers").forEach((server) -> {
			if (server instanceof ObjectNode object && server.has("url")) {
				object.put("url", server.get("url").stringValue().replaceFirst("^http://[^/]+", SERVER_URL));
			}
		});
		return document;
	}

	private static void write(JsonNode document, Path file) throws IOException {
		Files.writeString(file, JSON.writeValueAsString(document) + "\n");
	}

	/** Every JSON pointer where the two documents differ; object members in any order. */
	static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> differences) {
		if (expected.isObject() && actual.isObject()) {
			Set<String> names = new TreeSet<>(expected.propertyNames());
			names.addAll(actual.propertyNames());
			for (String name : names) {
				String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
				if (!actual.has(name)) {
					differences.add(child + ": removed (the committed file has it, the bridge does not serve it)");
				}
				else if (!expected.has(name)) {
					differences.add(child + ": added (the bridge serves it, the committed file does not have it)");
				}
				else {
					compare(child, expected.get(name), actual.get(name), differences);
				}
			}
		}
		else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
			for (int i = 0; i < expected.size(); i++) {
				compare(pointer + "/" + i, expected.get(i), actual.get(i), differences);
			}
		}
		else if (!expected.equals(actual)) {
			differences.add(pointer + ": committed " + abbreviated(expected) + ", served " + abbreviated(actual));
		}
	}

	private static String abbreviated(JsonNode node) {
		String text = node.toString();
		return (text.length() > 120) ? text.substring(0, 117) + "…" : text;
	}

}
