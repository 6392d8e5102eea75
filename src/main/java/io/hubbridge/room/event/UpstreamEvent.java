package io.hubbridge.room.event;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The room's upstream session to Hub changed state.
 *
 * @param room the room
 * @param state {@code connecting}, {@code joined}, {@code reconnecting} or {@code failed}
 * @param attempt the connection attempt this state belongs to, from 1
 * @param reason why, for {@code reconnecting} and {@code failed}
 */
@Schema(name = "UpstreamEvent", description = "Data of the `upstream` event: the room's session to Hub changed state. "
		+ "Events Hub sent while the upstream was down cannot be recovered.", example = """
				{"room":"lobby","state":"reconnecting","attempt":2,"reason":"socket closed (1006)"}""")
public record UpstreamEvent(String room, @Schema(allowableValues = {
		"connecting", "joined", "reconnecting", "failed" }) String state, int attempt, @Nullable String reason){

}
