package io.hubbridge.room.event;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user's last connection left a room.
 *
 * @param room the room
 * @param username the user
 */
@Schema(name = "LeaveEvent", description = "Data of the `leave` event: a user's last connection left.", example = """
		{"room":"lobby","username":"robin2"}""")
public record LeaveEvent(String room, String username) {

}
