package io.hubbridge.phoenix;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phoenix's V1 JSON serializer: one object per frame,
 * {@code {"topic","event","payload","ref","join_ref"}}. {@code join_ref} is written only
 * when present, as servers (which never send it) and clients (which may) both expect.
 */
public final class V1Serializer implements Serializer {

	public static final V1Serializer INSTANCE = new V1Serializer();

	private V1Serializer() {
	}

	@Override
	public String vsn() {
		return "1.0.0";
	}

	@Override
	public String encode(Message message) {
		ObjectNode frame = JsonFrames.MAPPER.createObjectNode();
		frame.put("topic", message.topic());
		frame.put("event", message.event());
		frame.set("payload", message.payload());
		frame.put("ref", message.ref());
		if (message.joinRef() != null) {
			frame.put("join_ref", message.joinRef());
		}
		return JsonFrames.write(frame);
	}

	@Override
	public Message decode(String text) {
		JsonNode frame = JsonFrames.parse(text);
		if (!frame.isObject()) {
			throw new MalformedFrameException("a V1 frame must be a JSON object");
		}
		JsonNode payload = frame.get("payload");
		if (payload == null) {
			throw new MalformedFrameException("payload is missing");
		}
		return new Message(JsonFrames.optionalString(frame.get("join_ref"), "join_ref"),
				JsonFrames.optionalString(frame.get("ref"), "ref"),
				JsonFrames.requiredString(frame.get("topic"), "topic"),
				JsonFrames.requiredString(frame.get("event"), "event"), payload);
	}

}
