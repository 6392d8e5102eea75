package io.hubbridge.room.event;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user appeared in a room: its first connection joined.
 *
 * @param room the room
 * @param username the user
 */
@Schema(name = "JoinEvent", description = "Data of the `join` event: a user (not a second connection) joined.",
		example = """
				{"room":"lobby","username":"robin2"}""")
public record JoinEvent(String room, String username) {

}
