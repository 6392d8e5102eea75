package io.hubbridge.room.presence;

/**
 * A user who stayed present but whose user-level typing flag changed.
 *
 * @param username the presence key
 * @param typing the new value
 */
public record TypingChanged(String username, boolean typing) implements PresenceChange {

}
