package io.hubbridge.room.event;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The history a client asked to resume from is lost; a fresh presence snapshot follows.
 *
 * @param room the room
 * @param reason why the history could not be replayed
 * @param requestedId the {@code Last-Event-ID} the client sent
 */
@Schema(name = "ResetEvent", description = "Data of the `reset` event: the requested history is not available; "
		+ "a fresh `presence` snapshot follows.", example = """
				{"room":"lobby","reason":"history-lost","requestedId":"k3x9q1-12"}""")
public record ResetEvent(String room, @Schema(allowableValues = {
		"history-lost", "foreign-id", "invalid-id" }) String reason, @Nullable String requestedId){

}
