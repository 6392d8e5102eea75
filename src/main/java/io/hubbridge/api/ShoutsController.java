package io.hubbridge.api;

import java.util.List;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.RecentShout;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.security.ShoutNameBinding;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Posting shouts into a room, and reading the shouts it has seen. */
@RestController
@Tag(name = "shouts", description = "Post shouts and read recent ones")
class ShoutsController {

	private final RoomRegistry rooms;

	private final InputRules rules;

	private final int maxLimit;

	private final ShoutNameBinding nameBinding;

	private final ShoutPosting posting;

	ShoutsController(RoomRegistry rooms, InputRules rules, BridgeProperties properties, ShoutNameBinding nameBinding,
			ShoutPosting posting) {
		this.rooms = rooms;
		this.rules = rules;
		this.nameBinding = nameBinding;
		this.posting = posting;
		this.maxLimit = properties.rooms().recentShouts();
	}

	@Operation(summary = "Post a shout", description = """
			Sends the shout to Hub as Hub expects it (`{"body","channel","name"}`), opening the room's \
			upstream session if needed. `201` once Hub's broadcast of the shout came back (with the id of \
			its event on the stream); `202` if it was written to Hub but the broadcast did not come back in \
			time; `503` with `Retry-After` if the room could not be joined in time (or the bridge is \
			shutting down and the room is not open). What Hub cannot store (names over 255 characters, NUL \
			characters, unpaired surrogates) is refused, and so are control characters (but tab, line feed \
			and carriage return in the body), bodies that are not UTF-8 or not JSON, and JSON of the wrong \
			shape: a number or boolean where text belongs is refused, never coerced. Nothing refused reaches \
			Hub.

			With an `Idempotency-Key`, a retry gets the first answer (same status and body, marked \
			`Idempotent-Replayed: true`) instead of shouting twice, also while the first is still in \
			flight. Keys are per room and remembered for `bridge.shouts.idempotency-ttl` (10 minutes); \
			only answers for shouts that left the bridge (`201`, `202`) are remembered, so after a `503` \
			the same key really retries. The same key with a different shout is refused with `422`.

			Each client (the authenticated principal, else the remote address) has a token bucket: \
			`bridge.limits.shouts.rate` shouts per second, `bridge.limits.shouts.burst` at once; beyond, \
			`429` with `Retry-After`. A replayed answer takes no token.""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ShoutRequest.class))))
	@ApiResponse(responseCode = "201", description = "Hub broadcast the shout",
			headers = @Header(name = IdempotencyKeys.REPLAYED_HEADER,
					description = "`true` when this is the answer first given to an earlier request "
							+ "with the same Idempotency-Key",
					schema = @Schema(type = "string", allowableValues = "true")),
			content = @Content(schema = @Schema(implementation = ShoutReceipt.class)))
	@ApiResponse(responseCode = "202", description = "Written to Hub, broadcast not seen in time",
			headers = @Header(name = IdempotencyKeys.REPLAYED_HEADER,
					description = "`true` when this is the answer first given to an earlier request "
							+ "with the same Idempotency-Key",
					schema = @Schema(type = "string", allowableValues = "true")),
			content = @Content(schema = @Schema(implementation = ShoutReceipt.class), examples = @ExampleObject("""
					{"room":"lobby","status":"sent","id":null}""")))
	@ApiResponse(responseCode = "400", description = """
			The shout was refused, each kind with its own type: `invalid-utf8` (the body is not UTF-8), \
			`malformed-json` (not JSON), `wrong-type` (not an object, or a field that is not a JSON string), \
			`unknown-field` (a field other than `name` and `body`), `invalid-request` (a value, the room \
			name or the Idempotency-Key is not acceptable; `errors` names each field)""",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = { @ExampleObject(name = "invalid", value = ProblemExamples.INVALID_SHOUT),
							@ExampleObject(name = "invalid-room", value = ProblemExamples.INVALID_ROOM),
							@ExampleObject(name = "wrong-type", value = ProblemExamples.WRONG_TYPE),
							@ExampleObject(name = "unknown-field", value = ProblemExamples.UNKNOWN_FIELD),
							@ExampleObject(name = "malformed-json", value = ProblemExamples.MALFORMED_JSON),
							@ExampleObject(name = "invalid-utf8", value = ProblemExamples.INVALID_UTF8),
							@ExampleObject(name = "invalid-idempotency-key",
									value = ProblemExamples.INVALID_IDEMPOTENCY_KEY) }))
	@ApiResponse(responseCode = "413",
			description = "The body is larger than `bridge.validation.max-request-size` (1 MB); refused before it is read",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.PAYLOAD_TOO_LARGE)))
	@ApiResponse(responseCode = "415", description = "Not JSON",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.UNSUPPORTED_MEDIA_TYPE)))
	@ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a different shout in this room",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.IDEMPOTENCY_KEY_REUSED)))
	@ApiResponse(responseCode = "429",
			description = "This client posted more shouts than `bridge.limits.shouts.rate` and `.burst` allow",
			headers = @Header(name = "Retry-After",
					description = "Seconds until the client may post again (its next token), rounded up"),
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.RATE_LIMITED)))
	@ApiResponse(responseCode = "503",
			description = "The room could not be joined on Hub in time, the bridge is shutting down, or the room is "
					+ "not open and the bridge has as many rooms open as it may (`bridge.limits.max-rooms`)",
			headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying"),
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = {
							@ExampleObject(name = "upstream-unavailable", value = ProblemExamples.UPSTREAM_UNAVAILABLE),
							@ExampleObject(name = "shutting-down", value = ProblemExamples.SHUTTING_DOWN),
							@ExampleObject(name = "too-many-rooms", value = ProblemExamples.TOO_MANY_ROOMS) }))
	@PostMapping(path = "/api/rooms/{room}/shouts", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ShoutReceipt>> post(
			@Parameter(description = RoomEventsApi.ROOM_DESCRIPTION, example = "lobby") @PathVariable String room,
			@Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER,
					description = "Makes a retried post return the first answer instead of shouting twice: "
							+ "1 to 255 visible ASCII characters, unique per shout (a UUID, say), per room",
					example = "5f0c6d2e-7d1f-4c1b-9a7e-2f4f1d1f8a90",
					schema = @Schema(type = "string", minLength = 1, maxLength = 255,
							pattern = "^[\\x21-\\x7E]{1,255}$")) @RequestHeader(name = IdempotencyKeys.HEADER,
									required = false) @Nullable String idempotencyKey,
			@RequestBody(required = false) byte @Nullable [] body,
			@Parameter(hidden = true) ServerWebExchange exchange) {
		this.rules.checkRoom(room);
		if (idempotencyKey != null) {
			IdempotencyKeys.check(idempotencyKey);
		}
		ShoutRequest shout = ShoutRequest.from(JsonBodies.parse(body), this.rules);
		// checked before the idempotency key, whose answer must not go to another name
		Mono<Void> nameAllowed = this.nameBinding.check(shout.name());
		return nameAllowed.then(Mono.defer(() -> this.posting.post(room, idempotencyKey, shout, Clients.of(exchange))))
			.map(ShoutsController::entity);
	}

	private static ResponseEntity<ShoutReceipt> entity(ShoutPosting.PostedShout posted) {
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(posted.status());
		if (posted.replayed()) {
			answer.header(IdempotencyKeys.REPLAYED_HEADER, "true");
		}
		return answer.body(posted.receipt());
	}

	@Operation(summary = "Recent shouts",
			description = "The most recent shouts the bridge has seen in the room, oldest first. "
					+ "Does not open the room: a room without a session here has none.")
	@ApiResponse(responseCode = "200", description = "Recent shouts, oldest first",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = RecentShout.class))))
	@ApiResponse(responseCode = "400", description = "Invalid room name or limit",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.INVALID_ROOM)))
	@GetMapping(path = "/api/rooms/{room}/shouts", produces = MediaType.APPLICATION_JSON_VALUE)
	List<RecentShout> recent(
			@Parameter(description = RoomEventsApi.ROOM_DESCRIPTION, example = "lobby") @PathVariable String room,
			@Parameter(description = "How many, from 1 to bridge.rooms.recent-shouts (100)", example = "20",
					schema = @Schema(type = "integer", format = "int32", minimum = "1",
							defaultValue = "50")) @RequestParam(defaultValue = "50") String limit) {
		this.rules.checkRoom(room);
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
