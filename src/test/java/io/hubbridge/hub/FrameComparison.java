package io.hubbridge.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Compares a frame the embedded Hub sent with the frame a real Hub sent, as JSON: same
 * values, same key order, same array order. Only the values of {@code phx_ref} and
 * {@code phx_ref_prev} may differ, consistently: one captured ref always stands for the
 * same generated ref, and the reverse.
 */
final class FrameComparison {

	private static final Pattern PHX_REF = Pattern.compile("[A-Za-z0-9+/]{11}=");

	private final Map<String, String> capturedToActual = new HashMap<>();

	private final Map<String, String> actualToCaptured = new HashMap<>();

	/**
	 * @return {@code null} if they match, else where they differ
	 */
	@Nullable String difference(String captured, String actual) {
		JsonNode expected = HubJson.parse(captured);
		JsonNode got;
		try {
			got = HubJson.parse(actual);
		}
		catch (RuntimeException ex) {
			return "not JSON: " + ex.getMessage();
		}
		Map<String, String> learned = new HashMap<>();
		String difference = difference("$", expected, got, learned);
		if (difference == null) {
			learned.forEach((capturedRef, actualRef) -> {
				this.capturedToActual.put(capturedRef, actualRef);
				this.actualToCaptured.put(actualRef, capturedRef);
			});
		}
		return difference;
	}

	/**
	 * The actual text with the generated refs replaced by the captured ones known so far.
	 */
	String withCapturedRefs(String actual) {
		String text = actual;
		for (Map.Entry<String, String> ref : this.actualToCaptured.entrySet()) {
			text = text.replace(ref.getKey(), ref.getValue());
		}
		return text;
	}

	private @Nullable String difference(String path, JsonNode expected, JsonNode actual, Map<String, String> learned) {
		if (expected.isObject() && actual.isObject()) {
			List<String> expectedKeys = new ArrayList<>(expected.propertyNames());
			List<String> actualKeys = new ArrayList<>(actual.propertyNames());
			if (!expectedKeys.equals(actualKeys)) {
				return path + ": keys " + abbreviate(actualKeys) + " instead of " + abbreviate(expectedKeys);
			}
			for (String key : expectedKeys) {
				String child = path + "." + abbreviate(key);
				String difference = (key.equals("phx_ref") || key.equals("phx_ref_prev"))
						? refDifference(child, expected.get(key), actual.get(key), learned)
						: difference(child, expected.get(key), actual.get(key), learned);
				if (difference != null) {
					return difference;
				}
			}
			return null;
		}
		if (expected.isArray() && actual.isArray()) {
			if (expected.size() != actual.size()) {
				return path + ": " + actual.size() + " elements instead of " + expected.size();
			}
			for (int i = 0; i < expected.size(); i++) {
				String difference = difference(path + "[" + i + "]", expected.get(i), actual.get(i), learned);
				if (difference != null) {
					return difference;
				}
			}
			return null;
		}
		if (!expected.equals(actual)) {
			return path + ": " + abbreviate(actual.toString()) + " instead of " + abbreviate(expected.toString());
		}
		return null;
	}

	private @Nullable String refDifference(String path, JsonNode expected, JsonNode actual,
			Map<String, String> learned) {
		if (!expected.isString() || !actual.isString()) {
			return difference(path, expected, actual, learned);
		}
		String capturedRef = expected.stringValue();
		String actualRef = actual.stringValue();
		if (!PHX_REF.matcher(actualRef).matches()) {
			return path + ": " + actualRef + " is not 8 random bytes in Base64";
		}
		String known = this.capturedToActual.getOrDefault(capturedRef, learned.get(capturedRef));
		if (known != null && !known.equals(actualRef)) {
			return path + ": " + actualRef + " where the captured " + capturedRef + " was " + known + " before";
		}
		String knownCaptured = this.actualToCaptured.get(actualRef);
		if (knownCaptured != null && !knownCaptured.equals(capturedRef)) {
			return path + ": " + actualRef + " stands for " + knownCaptured + " already, not " + capturedRef;
		}
		learned.put(capturedRef, actualRef);
		return null;
	}

	private static String abbreviate(Object value) {
		return TestConnection.Received.abbreviate(String.valueOf(value));
	}

}
