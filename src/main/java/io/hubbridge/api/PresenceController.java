package io.hubbridge.api;

import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.event.PresenceSnapshot;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Who is in a room. */
@RestController
@Tag(name = "presence", description = "Who is in a room")
class PresenceController {

	private final RoomRegistry rooms;

	private final InputRules rules;

	PresenceController(RoomRegistry rooms, InputRules rules) {
		this.rooms = rooms;
		this.rules = rules;
	}

	@Operation(summary = "Presence snapshot", description = """
			Who is in the room now, opening the room's upstream session if needed and waiting (bounded) \
			for Hub's first presence state. `lastEventId` is the event the snapshot is consistent with: \
			stream from exactly there with `last_event_id`. The bridge's own user is left out.""")
	@ApiResponse(responseCode = "200", description = "The snapshot",
			content = @Content(schema = @Schema(implementation = PresenceSnapshot.class)))
	@ApiResponse(responseCode = "400", description = "Invalid room name",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.INVALID_ROOM)))
	@ApiResponse(responseCode = "503",
			description = "Hub's presence did not arrive in time, or the room is not open and the bridge has as "
					+ "many rooms open as it may (`bridge.limits.max-rooms`)",
			headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying"),
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = {
							@ExampleObject(name = "upstream-unavailable", value = ProblemExamples.UPSTREAM_UNAVAILABLE),
							@ExampleObject(name = "too-many-rooms", value = ProblemExamples.TOO_MANY_ROOMS) }))
	@GetMapping(path = "/api/rooms/{room}/presence", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PresenceSnapshot> presence(
			@Parameter(description = RoomEventsApi.ROOM_DESCRIPTION, example = "lobby") @PathVariable String room) {
		this.rules.checkRoom(room);
		return this.rooms.open(room).presence();
	}

}
