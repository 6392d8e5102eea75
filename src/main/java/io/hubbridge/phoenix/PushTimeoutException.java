package io.hubbridge.phoenix;

import java.time.Duration;

/** Hub did not reply to a push within the time the caller allowed. */
public class PushTimeoutException extends UpstreamException {

	public PushTimeoutException(String topic, String event, String ref, Duration timeout) {
		super("no reply to " + event + " (ref " + ref + ") on " + topic + " within " + timeout.toMillis() + " ms");
	}

}
