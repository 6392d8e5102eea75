package io.hubbridge.phoenix;

/**
 * A frame that is not a Phoenix message for the serializer in use. Frequent and expected
 * from a hostile peer, so it carries no stack trace.
 */
public class MalformedFrameException extends RuntimeException {

	public MalformedFrameException(String message) {
		super(message, null, false, false);
	}

}
