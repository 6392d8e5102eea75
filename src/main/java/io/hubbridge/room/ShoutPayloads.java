package io.hubbridge.room;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.hubbridge.room.event.ShoutEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Hub's {@code shout} payloads, which are whatever the sender sent: {@code name}
 * and {@code body} may be missing or not text, and any other field is passed on under
 * {@code extra}.
 */
final class ShoutPayloads {

	private ShoutPayloads() {
	}

	static ShoutEvent toEvent(String room, JsonNode payload, Instant receivedAt) {
		Map<String, Object> extra = new LinkedHashMap<>();
		if (payload.isObject()) {
			for (Map.Entry<String, JsonNode> field : payload.properties()) {
				String key = field.getKey();
				if (!key.equals("name") && !key.equals("body") && !key.equals("channel")) {
					extra.put(key, field.getValue());
				}
			}
		}
		return new ShoutEvent(room, text(payload.get("name")), text(payload.get("body")), receivedAt, extra);
	}

	/**
	 * A text field as text; any other JSON value as its JSON form; absent or null as
	 * null.
	 */
	private static @Nullable String text(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		return node.isString() ? node.stringValue() : node.toString();
	}

}
