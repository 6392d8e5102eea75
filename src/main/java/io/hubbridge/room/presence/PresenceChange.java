package io.hubbridge.room.presence;

/**
 * A user-level change in a room's presence: a user joined, left, or started or stopped
 * typing.
 */
public sealed interface PresenceChange permits Joined, Left, TypingChanged {

	/** The presence key of the user that changed. */
	String username();

}
