package io.hubbridge.phoenix;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Phoenix channels message, whatever the serializer: {@code join_ref}, {@code ref},
 * {@code topic}, {@code event} and {@code payload}.
 *
 * @param joinRef the ref of the join this message belongs to, or {@code null}
 * @param ref the client-chosen ref a reply answers, or {@code null} for broadcasts
 * @param topic the topic, such as {@code room:lobby} or {@code phoenix}
 * @param event the event name
 * @param payload the payload, any JSON value
 */
public record Message(@Nullable String joinRef, @Nullable String ref, String topic, String event, JsonNode payload) {

	/** The topic of socket-level messages such as heartbeats. */
	public static final String PHOENIX_TOPIC = "phoenix";

	public static final String JOIN = "phx_join";

	public static final String LEAVE = "phx_leave";

	public static final String REPLY = "phx_reply";

	public static final String ERROR = "phx_error";

	public static final String CLOSE = "phx_close";

	public static final String HEARTBEAT = "heartbeat";

	public static final String STATUS_OK = "ok";

	public static final String STATUS_ERROR = "error";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/**
	 * A reply: {@code phx_reply} with {@code {"response": response, "status": status}}.
	 */
	public static Message reply(@Nullable String joinRef, @Nullable String ref, String topic, String status,
			JsonNode response) {
		ObjectNode payload = NODES.objectNode();
		payload.set("response", response);
		payload.put("status", status);
		return new Message(joinRef, ref, topic, REPLY, payload);
	}

	/** A heartbeat with the given ref, as the Phoenix JS client sends it. */
	public static Message heartbeat(String ref) {
		return new Message(null, ref, PHOENIX_TOPIC, HEARTBEAT, NODES.objectNode());
	}

	public boolean isReply() {
		return REPLY.equals(this.event);
	}

	/**
	 * The {@code status} of a reply, or {@code null} when this is not a well-formed
	 * reply.
	 */
	public @Nullable String replyStatus() {
		JsonNode status = this.payload.get("status");
		return (status != null && status.isString()) ? status.stringValue() : null;
	}

	/** The {@code response} of a reply, or an empty object. */
	public JsonNode replyResponse() {
		JsonNode response = this.payload.get("response");
		return (response != null) ? response : NODES.objectNode();
	}

}
