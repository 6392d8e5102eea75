package io.hubbridge.room.event;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A shout that Hub broadcast in a room.
 *
 * @param room the room
 * @param name who shouted, as the shout's {@code name} says (Hub does not check it)
 * @param body the text
 * @param receivedAt when the bridge received Hub's broadcast
 * @param extra any further fields of Hub's payload, as sent
 */
@Schema(name = "ShoutEvent", description = "Data of the `shout` event: a shout Hub broadcast in the room.",
		example = """
				{"room":"lobby","name":"robin","body":"hello","receivedAt":"2026-11-27T23:11:25.808Z","extra":{}}""")
public record ShoutEvent(String room, @Nullable String name, @Nullable String body, Instant receivedAt,
		@Schema(description = "Fields of Hub's payload other than name, body and channel") Map<String, Object> extra) {

}
