package io.hubbridge.room.presence;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One user present in a room: a presence key with at least one connection.
 *
 * @param username the presence key (the name the user joined with)
 * @param typing whether any of the user's connections has {@code typing} exactly
 * {@code true}
 * @param connections how many connections (presence metas) the user has, at least one
 */
@Schema(name = "User", description = "A user present in the room.", example = """
		{"username":"robin","typing":false,"connections":1}""")
public record User(String username, boolean typing, int connections) {

}
