package io.hubbridge.api;

import java.util.List;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.RecentShout;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.ShoutResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Posting shouts into a room, and reading the shouts it has seen. */
@RestController
@Tag(name = "shouts", description = "Post shouts and read recent ones")
class ShoutsController {

	private final RoomRegistry rooms;

	private final int maxLimit;

	ShoutsController(RoomRegistry rooms, BridgeProperties properties) {
		this.rooms = rooms;
		this.maxLimit = properties.rooms().recentShouts();
	}

	@Operation(summary = "Post a shout", description = """
			Sends the shout to Hub as Hub expects it (`{"body","channel","name"}`), opening the room's \
			upstream session if needed. `201` once Hub's broadcast of the shout came back (with the id of \
			its event on the stream); `202` if it was written to Hub but the broadcast did not come back in \
			time; `503` with `Retry-After` if the room could not be joined in time. What Hub cannot store \
			(names over 255 characters, NUL characters) is refused, and so is JSON of the wrong shape.""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ShoutRequest.class))))
	@ApiResponse(responseCode = "201", description = "Hub broadcast the shout",
			content = @Content(schema = @Schema(implementation = ShoutReceipt.class)))
	@ApiResponse(responseCode = "202", description = "Written to Hub, broadcast not seen in time",
			content = @Content(schema = @Schema(implementation = ShoutReceipt.class), examples = @ExampleObject("""
					{"room":"lobby","status":"sent","id":null}""")))
	@ApiResponse(responseCode = "400", description = "Invalid or malformed shout",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = { @ExampleObject(name = "invalid", value = ProblemExamples.INVALID_SHOUT),
							@ExampleObject(name = "malformed", value = ProblemExamples.MALFORMED) }))
	@ApiResponse(responseCode = "415", description = "Not JSON",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.UNSUPPORTED_MEDIA_TYPE)))
	@ApiResponse(responseCode = "503", description = "The room could not be joined on Hub in time",
			headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying"),
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.UPSTREAM_UNAVAILABLE)))
	@PostMapping(path = "/api/rooms/{room}/shouts", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ShoutReceipt>> post(@Parameter(example = "lobby") @PathVariable String room,
			@RequestBody JsonNode json) {
		RoomNames.check("room", room);
		ShoutRequest shout = ShoutRequest.from(json);
		return this.rooms.open(room).shout(shout.name(), shout.body()).map((result) -> receipt(room, result));
	}

	private static ResponseEntity<ShoutReceipt> receipt(String room, ShoutResult result) {
		if (result.confirmed()) {
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(new ShoutReceipt(room, "confirmed", result.id().toString()));
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ShoutReceipt(room, "sent", null));
	}

	@Operation(summary = "Recent shouts",
			description = "The most recent shouts the bridge has seen in the room, oldest first. "
					+ "Does not open the room: a room without a session here has none.")
	@ApiResponse(responseCode = "200", description = "Recent shouts, oldest first",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = RecentShout.class))))
	@ApiResponse(responseCode = "400", description = "Invalid room name or limit",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = Problem.class)))
	@GetMapping(path = "/api/rooms/{room}/shouts", produces = MediaType.APPLICATION_JSON_VALUE)
	List<RecentShout> recent(@Parameter(example = "lobby") @PathVariable String room,
			@Parameter(description = "How many, from 1 to bridge.rooms.recent-shouts (100)",
					example = "20") @RequestParam(defaultValue = "50") String limit) {
		RoomNames.check("room", room);
		int count = parseLimit(limit);
		return this.rooms.find(room).map((session) -> session.recentShouts(count)).orElse(List.of());
	}

	private int parseLimit(String limit) {
		try {
			int count = Integer.parseInt(limit);
			if (count >= 1 && count <= this.maxLimit) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw InvalidRequestException.field("limit", "must be a whole number from 1 to " + this.maxLimit);
	}

}
