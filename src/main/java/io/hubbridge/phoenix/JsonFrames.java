package io.hubbridge.phoenix;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper that the serializers share, and the checks they have in common. */
final class JsonFrames {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonFrames() {
	}

	static JsonNode parse(String text) {
		try {
			return MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new MalformedFrameException("not JSON: " + ex.getOriginalMessage());
		}
	}

	static String write(JsonNode node) {
		return MAPPER.writeValueAsString(node);
	}

	static @Nullable String optionalString(@Nullable JsonNode node, String field) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (!node.isString()) {
			throw new MalformedFrameException(field + " is not a string");
		}
		return node.stringValue();
	}

	static String requiredString(@Nullable JsonNode node, String field) {
		String value = optionalString(node, field);
		if (value == null) {
			throw new MalformedFrameException(field + " is missing");
		}
		return value;
	}

}
