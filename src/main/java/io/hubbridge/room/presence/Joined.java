package io.hubbridge.room.presence;

/**
 * A user whose presence key appeared: a first connection, not a second tab.
 *
 * @param user the user as it is after the change, typing included
 */
public record Joined(User user) implements PresenceChange {

	@Override
	public String username() {
		return this.user.username();
	}

}
