package io.hubbridge.phoenix;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Phoenix's V2 JSON serializer ({@code vsn=2.0.0}): one array per frame,
 * {@code [join_ref, ref, topic, event, payload]}. Like Phoenix, extra trailing elements
 * are ignored.
 */
public final class V2Serializer implements Serializer {

	public static final V2Serializer INSTANCE = new V2Serializer();

	private V2Serializer() {
	}

	@Override
	public String vsn() {
		return "2.0.0";
	}

	@Override
	public String encode(Message message) {
		ArrayNode frame = JsonFrames.MAPPER.createArrayNode();
		frame.add(message.joinRef());
		frame.add(message.ref());
		frame.add(message.topic());
		frame.add(message.event());
		frame.add(message.payload());
		return JsonFrames.write(frame);
	}

	@Override
	public Message decode(String text) {
		JsonNode frame = JsonFrames.parse(text);
		if (!frame.isArray() || frame.size() < 5) {
			throw new MalformedFrameException("a V2 frame must be an array [join_ref, ref, topic, event, payload]");
		}
		return new Message(JsonFrames.optionalString(frame.get(0), "join_ref"),
				JsonFrames.optionalString(frame.get(1), "ref"), JsonFrames.requiredString(frame.get(2), "topic"),
				JsonFrames.requiredString(frame.get(3), "event"), frame.get(4));
	}

}
