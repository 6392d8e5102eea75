package io.hubbridge.room;

import java.util.List;

/**
 * Where a subscriber's events go: a stream's connection, or a {@code Flux}. Called on the
 * subscriber's delivery thread, one call at a time, except for
 * {@link #dropped(SlowSubscriberException)}.
 */
public interface EventWriter {

	/**
	 * Whether it takes another batch now. When it does not, it calls
	 * {@link Subscription#resume()} once it does: the events wait in the subscriber's
	 * bounded queue meanwhile.
	 */
	boolean ready();

	/** The next events, in order; never empty. */
	void write(List<RoomEvent> batch);

	/** The events ended: the room closed or ended its streams, and all was written. */
	void end();

	/**
	 * The subscriber fell a whole queue behind and was dropped with what was queued; it
	 * resumes with {@code Last-Event-ID}. Called once, on the room's thread or the one
	 * that started the subscription: the writer moves to its own thread.
	 */
	void dropped(SlowSubscriberException reason);

}
