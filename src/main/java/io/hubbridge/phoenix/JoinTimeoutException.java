package io.hubbridge.phoenix;

import java.time.Duration;

/** Hub did not answer the join within the join timeout. */
public class JoinTimeoutException extends UpstreamException {

	public JoinTimeoutException(String topic, Duration timeout) {
		super("no reply to the join of " + topic + " within " + timeout.toMillis() + " ms");
	}

}
