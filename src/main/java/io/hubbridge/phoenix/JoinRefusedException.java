package io.hubbridge.phoenix;

import tools.jackson.databind.JsonNode;

/**
 * Hub answered the join with an error reply, such as {@code {"reason":"join crashed"}}.
 */
public class JoinRefusedException extends UpstreamException {

	private final String topic;

	private final JsonNode response;

	public JoinRefusedException(String topic, JsonNode response) {
		super("join of " + topic + " refused: " + response);
		this.topic = topic;
		this.response = response;
	}

	public String topic() {
		return this.topic;
	}

	/** The {@code response} of the error reply. */
	public JsonNode response() {
		return this.response;
	}

}
