package io.hubbridge.room;

/**
 * Ends the events of a subscriber that fell behind by a whole queue of events: it is no
 * longer part of the room, and resumes with {@code Last-Event-ID}. Frequent and expected,
 * so without a stack trace.
 */
public final class SlowSubscriberException extends RuntimeException {

	private final int queueCapacity;

	SlowSubscriberException(int queueCapacity) {
		super("the subscriber fell more than " + queueCapacity + " events behind", null, false, false);
		this.queueCapacity = queueCapacity;
	}

	/** How many events waited for the subscriber when it was dropped. */
	public int queueCapacity() {
		return this.queueCapacity;
	}

}
