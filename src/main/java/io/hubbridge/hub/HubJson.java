package io.hubbridge.hub;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hubbridge.phoenix.MalformedFrameException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON as the embedded Hub reads and writes it: strict UTF-8, no size limit below
 * {@link #MAX_FRAME_BYTES}, and object keys sorted the way Elixir sorts small maps.
 */
final class HubJson {

	/** Largest frame the embedded Hub accepts; Hub itself has no limit. */
	static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/**
	 * Elixir compares map keys as binaries: UTF-8 byte order, which is code point order.
	 */
	static final Comparator<String> ELIXIR_KEY_ORDER = HubJson::compareCodePoints;

	private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(
				StreamReadConstraints.builder().maxStringLength(MAX_FRAME_BYTES).maxNameLength(MAX_FRAME_BYTES).build())
		.build()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

	private HubJson() {
	}

	/**
	 * Strict UTF-8 decoding.
	 * @return the text, or {@code null} when the bytes are not valid UTF-8
	 */
	static @Nullable String utf8(ByteBuffer bytes) {
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes);
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/** Parse one JSON document, as Jason does: anything else is a malformed frame. */
	static JsonNode parse(String text) {
		JsonNode node;
		try {
			node = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new MalformedFrameException("not JSON: " + ex.getOriginalMessage());
		}
		if (node == null || node.isMissingNode()) {
			throw new MalformedFrameException("empty frame");
		}
		checkNumbers(node);
		return node;
	}

	/** Jason refuses numbers that an Erlang float cannot hold. */
	private static void checkNumbers(JsonNode node) {
		if (node.isContainer()) {
			for (JsonNode child : node.values()) {
				checkNumbers(child);
			}
		}
		else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
			throw new MalformedFrameException("number out of range");
		}
	}

	static byte[] write(JsonNode node) {
		return MAPPER.writeValueAsBytes(node);
	}

	/**
	 * A copy of {@code node} whose objects have their keys in Elixir's order, as Hub
	 * sends back what it decoded.
	 */
	static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(node.properties());
			properties.sort(Map.Entry.comparingByKey(ELIXIR_KEY_ORDER));
			ObjectNode copy = NODES.objectNode();
			for (Map.Entry<String, JsonNode> property : properties) {
				copy.set(property.getKey(), sorted(property.getValue()));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = NODES.arrayNode(node.size());
			for (JsonNode element : node.values()) {
				copy.add(sorted(element));
			}
			return copy;
		}
		return node;
	}

	/**
	 * Elixir's {@code to_string/1} of a decoded JSON value, as Presence applies it to
	 * keys; empty for maps and lists, which make Hub's presence diff task crash.
	 */
	static Optional<String> elixirToString(JsonNode value) {
		if (value.isString()) {
			return Optional.of(value.stringValue());
		}
		if (value.isNull()) {
			return Optional.of("");
		}
		if (value.isBoolean()) {
			return Optional.of(String.valueOf(value.booleanValue()));
		}
		if (value.isIntegralNumber()) {
			return Optional.of(value.bigIntegerValue().toString());
		}
		if (value.isFloatingPointNumber()) {
			return Optional.of(Double.toString(value.doubleValue()).replace('E', 'e'));
		}
		return Optional.empty();
	}

	private static int compareCodePoints(String left, String right) {
		int i = 0;
		int j = 0;
		while (i < left.length() && j < right.length()) {
			int a = left.codePointAt(i);
			int b = right.codePointAt(j);
			if (a != b) {
				return Integer.compare(a, b);
			}
			i += Character.charCount(a);
			j += Character.charCount(b);
		}
		return Integer.compare(left.length() - i, right.length() - j);
	}

}
