package io.hubbridge.room.presence;

/**
 * One user present in a room: a presence key with at least one connection.
 *
 * @param username the presence key (the name the user joined with)
 * @param typing whether any of the user's connections has {@code typing} exactly
 * {@code true}
 * @param connections how many connections (presence metas) the user has, at least one
 */
public record User(String username, boolean typing, int connections) {

}
