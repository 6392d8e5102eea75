package io.hubbridge.room;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An open room session as the room endpoints describe it.
 *
 * @param room the room
 * @param upstream the upstream session's state
 * @param attempt the upstream connection attempt
 * @param reason why the upstream is not joined, when it is not
 * @param subscribers how many streams are open on the room
 * @param users how many users are present
 * @param openedAt when this session was opened
 * @param reconnects how many times the upstream was lost and re-established
 * @param lastEventId the id of the room's latest event
 */
@Schema(name = "RoomInfo", description = "An open room session.", example = """
		{"room":"lobby","upstream":"joined","attempt":1,"reason":null,"subscribers":2,"users":3,
		"openedAt":"2026-11-27T23:11:03.798Z","reconnects":0,"lastEventId":"k3x9q1-7"}""")
public record RoomInfo(String room, String upstream, int attempt, @Nullable String reason, int subscribers, int users,
		Instant openedAt, int reconnects, String lastEventId) {

}
