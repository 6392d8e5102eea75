package io.hubbridge.phoenix;

/**
 * Turns {@link Message messages} into websocket text frames and back, as one of Phoenix's
 * serializers does.
 */
public interface Serializer {

	/**
	 * The {@code vsn} query parameter that selects this serializer on a Phoenix socket.
	 */
	String vsn();

	String encode(Message message);

	/**
	 * Decode one text frame.
	 * @throws MalformedFrameException if the text is not a message of this serializer's
	 * shape
	 */
	Message decode(String text);

	/** The serializer for the given {@code vsn}: V2 for {@code 2.x}, V1 otherwise. */
	static Serializer forVersion(Version version) {
		return switch (version) {
			case V1 -> V1Serializer.INSTANCE;
			case V2 -> V2Serializer.INSTANCE;
		};
	}

	/** The serializer versions that Phoenix 1.4 accepts. */
	enum Version {

		/**
		 * Object frames {@code {"topic","event","payload","ref","join_ref"}}; Phoenix's
		 * default.
		 */
		V1,

		/**
		 * Array frames {@code [join_ref, ref, topic, event, payload]}, selected by
		 * {@code vsn=2.0.0}.
		 */
		V2

	}

}
