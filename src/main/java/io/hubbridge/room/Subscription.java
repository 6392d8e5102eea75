package io.hubbridge.room;

/** A subscriber's place in a room, from its registration until it is cancelled. */
public interface Subscription {

	/**
	 * Starts writing the subscriber's events, first those it was registered with (its
	 * replay or snapshot), then the live ones; called once.
	 */
	void start(EventWriter writer);

	/** The writer takes events again after it was not {@link EventWriter#ready()}. */
	void resume();

	/** Leaves the room; what waits for the subscriber is dropped. */
	void cancel();

}
