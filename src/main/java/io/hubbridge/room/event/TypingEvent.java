package io.hubbridge.room.event;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user started or stopped typing.
 *
 * @param room the room
 * @param username the user
 * @param typing whether the user is typing now
 */
@Schema(name = "TypingEvent", description = "Data of the `typing` event: a user started or stopped typing.",
		example = """
				{"room":"lobby","username":"robin2","typing":true}""")
public record TypingEvent(String room, String username, boolean typing) {

}
