package io.hubbridge.hub;

import io.hubbridge.phoenix.MalformedFrameException;
import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.Serializer.Version;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * One message from a client, decoded as Phoenix 1.4.2 decodes it: every field keeps the
 * JSON type it was sent with (a numeric topic stays a number and is echoed as one).
 *
 * @param joinRef the {@code join_ref}, JSON null when absent
 * @param ref the {@code ref}
 * @param topic the topic
 * @param event the event
 * @param payload the payload
 */
record InboundMessage(JsonNode joinRef, JsonNode ref, JsonNode topic, JsonNode event, JsonNode payload) {

	/**
	 * Decode one frame the way Phoenix's serializers do: V1 needs an object with
	 * {@code topic}, {@code event}, {@code payload} and {@code ref} (any values); V2 an
	 * array of at least five elements, extra ones ignored.
	 * @throws MalformedFrameException for anything else, which crashes the socket
	 */
	static InboundMessage decode(Version version, String text) {
		JsonNode frame = HubJson.parse(text);
		return switch (version) {
			case V1 -> fromObject(frame);
			case V2 -> fromArray(frame);
		};
	}

	private static InboundMessage fromObject(JsonNode frame) {
		if (!frame.isObject()) {
			throw new MalformedFrameException("a V1 frame must be a JSON object");
		}
		for (String key : new String[] { "topic", "event", "payload", "ref" }) {
			if (!frame.has(key)) {
				throw new MalformedFrameException("missing key \"" + key + "\"");
			}
		}
		JsonNode joinRef = frame.get("join_ref");
		return new InboundMessage((joinRef != null) ? joinRef : NullNode.getInstance(), frame.get("ref"),
				frame.get("topic"), frame.get("event"), frame.get("payload"));
	}

	private static InboundMessage fromArray(JsonNode frame) {
		if (!frame.isArray() || frame.size() < 5) {
			throw new MalformedFrameException("a V2 frame must be an array [join_ref, ref, topic, event, payload]");
		}
		return new InboundMessage(frame.get(0), frame.get(1), frame.get(2), frame.get(3), frame.get(4));
	}

	/** The topic when it is a string, else {@code null} (no channel matches it). */
	@Nullable String topicName() {
		return this.topic.isString() ? this.topic.stringValue() : null;
	}

	boolean isEvent(String name) {
		return this.event.isString() && name.equals(this.event.stringValue());
	}

	boolean isHeartbeat() {
		return isEvent(Message.HEARTBEAT) && this.topic.isString()
				&& Message.PHOENIX_TOPIC.equals(this.topic.stringValue());
	}

}
