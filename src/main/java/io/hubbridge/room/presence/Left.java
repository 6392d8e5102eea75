package io.hubbridge.room.presence;

/**
 * A user whose presence key disappeared: its last connection left.
 *
 * @param username the presence key
 */
public record Left(String username) implements PresenceChange {

}
