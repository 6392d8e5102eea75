package io.hubbridge.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body as JSON, strictly: the bytes must be UTF-8 (RFC 8259), the text
 * one JSON value with nothing after it and no field twice. Each failure is its own
 * problem, saying where the body went wrong.
 */
final class JsonBodies {

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonBodies() {
	}

	/**
	 * @throws RejectedBodyException if the body is empty, not UTF-8 or not JSON
	 */
	static JsonNode parse(byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			throw RejectedBodyException.malformedJson("The request body is empty; expected a JSON object");
		}
		String text = utf8(body);
		try {
			return STRICT.readTree(text);
		}
		catch (JacksonException ex) {
			throw RejectedBodyException.malformedJson("The request body is not valid JSON: "
					+ ex.getOriginalMessage().replace('\n', ' ') + where(ex.getLocation()));
		}
	}

	private static String where(@Nullable TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	private static String utf8(byte[] body) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(body);
		CharBuffer out = CharBuffer.allocate(body.length);
		CoderResult result = decoder.decode(in, out, true);
		if (!result.isError()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			throw RejectedBodyException.invalidUtf8(
					"The request body is not valid UTF-8: " + (result.isMalformed() ? "malformed" : "unmappable")
							+ " sequence of " + result.length() + " byte(s) at byte offset " + in.position());
		}
		return out.flip().toString();
	}

}
