package io.hubbridge.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a posted shout.
 *
 * @param room the room
 * @param status {@code confirmed} once Hub's broadcast of the shout came back;
 * {@code sent} when it was written to Hub but the broadcast did not come back in time
 * @param id the id of the shout's event on the room's stream, when confirmed
 */
@Schema(name = "ShoutReceipt", description = "What became of a posted shout.", example = """
		{"room":"lobby","status":"confirmed","id":"k3x9q1-8"}""")
public record ShoutReceipt(String room, @Schema(allowableValues = {
		"confirmed", "sent" }) String status, @Nullable String id){

}
