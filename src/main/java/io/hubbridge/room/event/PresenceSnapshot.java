package io.hubbridge.room.event;

import java.time.Instant;
import java.util.List;

import io.hubbridge.room.presence.User;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Who is in a room, consistent with the event {@code lastEventId}: a client can read it
 * and then stream from exactly that point.
 *
 * @param room the room
 * @param users the users present, by name
 * @param count how many users are present
 * @param upstream the state of the room's upstream session
 * @param asOf when the bridge last learned of a presence change
 * @param lastEventId the id of the last event this snapshot includes
 */
@Schema(name = "PresenceSnapshot",
		description = "Who is in the room: the `presence` event's data and the presence endpoint's answer.",
		example = """
				{"room":"lobby","users":[{"username":"robin","typing":false,"connections":1}],"count":1,
				"upstream":"joined","asOf":"2026-11-27T23:11:25.808Z","lastEventId":"k3x9q1-4"}""")
public record PresenceSnapshot(String room, List<User> users, int count, String upstream, Instant asOf,
		String lastEventId) {

}
