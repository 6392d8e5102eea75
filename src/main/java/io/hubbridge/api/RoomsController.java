package io.hubbridge.api;

import java.util.List;

import io.hubbridge.room.RoomInfo;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.RoomSession;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The room sessions open on this bridge. */
@RestController
@Tag(name = "rooms", description = "The room sessions open on this bridge")
class RoomsController {

	private final RoomRegistry rooms;

	private final InputRules rules;

	RoomsController(RoomRegistry rooms, InputRules rules) {
		this.rooms = rooms;
		this.rules = rules;
	}

	@Operation(summary = "Open rooms", description = "Every room session open on this bridge, by name.")
	@ApiResponse(responseCode = "200", description = "The open rooms",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = RoomInfo.class))))
	@GetMapping(path = "/api/rooms", produces = MediaType.APPLICATION_JSON_VALUE)
	List<RoomInfo> list() {
		return this.rooms.list().stream().map(RoomSession::info).toList();
	}

	@Operation(summary = "One open room",
			description = "The room's session: upstream state, subscribers, since when, reconnects, last event id. "
					+ "Does not open the room.")
	@ApiResponse(responseCode = "200", description = "The room",
			content = @Content(schema = @Schema(implementation = RoomInfo.class)))
	@ApiResponse(responseCode = "400", description = "Invalid room name",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.INVALID_ROOM)))
	@ApiResponse(responseCode = "404", description = "No session open for that room",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.ROOM_NOT_OPEN)))
	@GetMapping(path = "/api/rooms/{room}", produces = MediaType.APPLICATION_JSON_VALUE)
	RoomInfo room(
			@Parameter(description = RoomEventsApi.ROOM_DESCRIPTION, example = "lobby") @PathVariable String room) {
		this.rules.checkRoom(room);
		return this.rooms.find(room).map(RoomSession::info).orElseThrow(() -> new RoomNotOpenException(room));
	}

}
