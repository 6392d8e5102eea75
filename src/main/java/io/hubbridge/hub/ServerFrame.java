package io.hubbridge.hub;

import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.Serializer.Version;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * One message from the embedded Hub to its clients. It is encoded at most once per
 * serializer, however many sockets it is broadcast to, in the exact shape Phoenix 1.4.2
 * writes: V1 {@code {"event","payload","ref","topic"}} (keys sorted, no
 * {@code join_ref}), V2 {@code [join_ref, ref, topic, event, payload]}.
 */
final class ServerFrame {

	private final JsonNode joinRef;

	private final JsonNode ref;

	private final JsonNode topic;

	private final String event;

	private final JsonNode payload;

	private volatile byte @Nullable [] v1;

	private volatile byte @Nullable [] v2;

	private ServerFrame(@Nullable JsonNode joinRef, @Nullable JsonNode ref, JsonNode topic, String event,
			JsonNode payload) {
		this.joinRef = (joinRef != null) ? joinRef : NullNode.getInstance();
		this.ref = (ref != null) ? ref : NullNode.getInstance();
		this.topic = topic;
		this.event = event;
		this.payload = payload;
	}

	/** A broadcast or push: both refs null. The payload must already be sorted. */
	static ServerFrame push(String topic, String event, JsonNode payload) {
		return new ServerFrame(null, null, StringNode.valueOf(topic), event, payload);
	}

	/** A {@code phx_reply} with status {@code ok} and an empty response. */
	static ServerFrame ok(@Nullable JsonNode joinRef, @Nullable JsonNode ref, JsonNode topic) {
		return reply(joinRef, ref, topic, Message.STATUS_OK, HubJson.NODES.objectNode());
	}

	/** A {@code phx_reply} with status {@code error} and {@code {"reason": reason}}. */
	static ServerFrame error(@Nullable JsonNode joinRef, @Nullable JsonNode ref, JsonNode topic, String reason) {
		ObjectNode response = HubJson.NODES.objectNode();
		response.put("reason", reason);
		return reply(joinRef, ref, topic, Message.STATUS_ERROR, response);
	}

	/**
	 * {@code phx_error} or {@code phx_close} for a channel: both refs are the join's ref,
	 * the payload is empty.
	 */
	static ServerFrame channelEvent(JsonNode joinRef, String topic, String event) {
		return new ServerFrame(joinRef, joinRef, StringNode.valueOf(topic), event, HubJson.NODES.objectNode());
	}

	private static ServerFrame reply(@Nullable JsonNode joinRef, @Nullable JsonNode ref, JsonNode topic, String status,
			JsonNode response) {
		ObjectNode payload = HubJson.NODES.objectNode();
		payload.set("response", response);
		payload.put("status", status);
		return new ServerFrame(joinRef, ref, topic, Message.REPLY, payload);
	}

	String event() {
		return this.event;
	}

	/**
	 * The frame's text in UTF-8 for the given serializer, encoded once per serializer.
	 */
	byte[] encoded(Version version) {
		return switch (version) {
			case V1 -> {
				byte[] bytes = this.v1;
				if (bytes == null) {
					bytes = HubJson.write(v1Frame());
					this.v1 = bytes;
				}
				yield bytes;
			}
			case V2 -> {
				byte[] bytes = this.v2;
				if (bytes == null) {
					bytes = HubJson.write(v2Frame());
					this.v2 = bytes;
				}
				yield bytes;
			}
		};
	}

	private JsonNode v1Frame() {
		ObjectNode frame = HubJson.NODES.objectNode();
		frame.put("event", this.event);
		frame.set("payload", this.payload);
		frame.set("ref", this.ref);
		frame.set("topic", this.topic);
		return frame;
	}

	private JsonNode v2Frame() {
		ArrayNode frame = HubJson.NODES.arrayNode(5);
		frame.add(this.joinRef);
		frame.add(this.ref);
		frame.add(this.topic);
		frame.add(this.event);
		frame.add(this.payload);
		return frame;
	}

	@Override
	public String toString() {
		return "ServerFrame[" + this.event + " on " + this.topic + "]";
	}

}
