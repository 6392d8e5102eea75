package io.hubbridge.phoenix;

/**
 * A message was not sent because its frame would exceed the frame limit
 * ({@link JoinSpec#maxFramePayloadLength()}); the connection is unaffected.
 */
public class FrameTooLargeException extends UpstreamException {

	private final long size;

	private final int limit;

	public FrameTooLargeException(String event, long size, int limit) {
		super("a " + event + " frame of " + size + " bytes exceeds the frame limit of " + limit + " bytes");
		this.size = size;
		this.limit = limit;
	}

	/** The frame's size in bytes. */
	public long size() {
		return this.size;
	}

	/** The largest frame allowed, in bytes. */
	public int limit() {
		return this.limit;
	}

}
