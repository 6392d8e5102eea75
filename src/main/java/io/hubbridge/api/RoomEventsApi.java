package io.hubbridge.api;

import io.hubbridge.room.event.JoinEvent;
import io.hubbridge.room.event.LeaveEvent;
import io.hubbridge.room.event.PresenceSnapshot;
import io.hubbridge.room.event.ResetEvent;
import io.hubbridge.room.event.ShoutEvent;
import io.hubbridge.room.event.ShutdownEvent;
import io.hubbridge.room.event.TypingEvent;
import io.hubbridge.room.event.UpstreamEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/** The OpenAPI description of the room's event stream. */
@Tag(name = "events", description = "A room's live events as Server-Sent Events")
interface RoomEventsApi {

	/** How every endpoint describes its {@code room} path variable. */
	String ROOM_DESCRIPTION = "The room, as in Hub's topic `room:NAME`: 1 to 255 characters matching "
			+ "`bridge.validation.room-pattern` (by default letters, digits and `.` `_` `~` `-`, "
			+ "starting with a letter or digit)";

	String STREAM_EXAMPLE = """
			retry: 2000

			id: k3x9q1-4
			event: presence
			data: {"room":"lobby","users":[{"username":"robin","typing":false,"connections":1}],"count":1,\
			"upstream":"joined","asOf":"2026-11-27T23:11:25.808Z","lastEventId":"k3x9q1-4"}

			id: k3x9q1-5
			event: join
			data: {"room":"lobby","username":"robin2"}

			id: k3x9q1-6
			event: shout
			data: {"room":"lobby","name":"robin2","body":"hello","receivedAt":"2026-11-27T23:11:26.001Z","extra":{}}

			: keep-alive

			retry: 5000

			id: k3x9q1-7
			event: shutdown
			data: {"room":"lobby","reason":"shutting-down","retryAfterMs":5000}

			""";

	@Operation(summary = "Stream a room's events", description = """
			Opens the room's upstream session if needed and streams its events as `text/event-stream`.
			The stream starts with `retry:` and a `presence` event (the current snapshot), then carries, \
			as they happen: `shout`, `join`, `leave`, `typing`, `presence` (again whenever the upstream \
			(re)joins) and `upstream` (every upstream state change). When the bridge shuts down, the last \
			event is `shutdown` (after a `retry:` hint of when to reconnect), then the stream ends. The data \
			of each event type has its own schema: ShoutEvent, JoinEvent, LeaveEvent, TypingEvent, \
			PresenceSnapshot, UpstreamEvent, ResetEvent, ShutdownEvent.

			Every event has an id `EPOCH-SEQ`. Reconnect with `Last-Event-ID` (or `last_event_id`) to get \
			exactly the events missed while they are in the room's replay buffer; otherwise a `reset` \
			event then a fresh `presence` snapshot. A `: keep-alive` comment is sent every 15 s. Events Hub \
			sent while the upstream was down cannot be recovered: `upstream` events say so and presence \
			is reconciled on rejoin. A stream that falls more than `bridge.rooms.subscriber-queue` events \
			behind ends with a `: too slow…` comment; reconnect with `Last-Event-ID` to resume.""")
	@ApiResponse(responseCode = "200", description = "The event stream", content = @Content(
			mediaType = "text/event-stream",
			schema = @Schema(oneOf = { PresenceSnapshot.class, ShoutEvent.class, JoinEvent.class, LeaveEvent.class,
					TypingEvent.class, UpstreamEvent.class, ResetEvent.class, ShutdownEvent.class }),
			examples = @ExampleObject(name = "stream", value = STREAM_EXAMPLE)))
	@ApiResponse(responseCode = "400", description = "Invalid room name or event types",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = { @ExampleObject(name = "invalid-types", value = ProblemExamples.INVALID_TYPES),
							@ExampleObject(name = "invalid-room", value = ProblemExamples.INVALID_ROOM) }))
	@ApiResponse(responseCode = "429",
			description = "This client has `bridge.limits.max-streams-per-client` streams open already",
			headers = @Header(name = "Retry-After", description = "Seconds to wait before reconnecting"),
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = @ExampleObject(ProblemExamples.TOO_MANY_STREAMS)))
	@ApiResponse(responseCode = "503",
			description = "The bridge is shutting down and starts no new stream, has as many rooms open as it may "
					+ "(`bridge.limits.max-rooms`), or the room has as many subscribers as it may "
					+ "(`bridge.limits.max-subscribers-per-room`)",
			headers = @Header(name = "Retry-After", description = "Seconds to wait before reconnecting"),
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
					examples = { @ExampleObject(name = "shutting-down", value = ProblemExamples.SHUTTING_DOWN),
							@ExampleObject(name = "too-many-rooms", value = ProblemExamples.TOO_MANY_ROOMS),
							@ExampleObject(name = "room-full", value = ProblemExamples.ROOM_FULL) }))
	Mono<Void> events(@Parameter(description = ROOM_DESCRIPTION, example = "lobby") String room,
			@Parameter(description = "Only these event types (comma-separated); `reset` and `shutdown` are always sent",
					example = "shout,typing") @Nullable String types,
			@Parameter(description = "Resume after this event id, for clients that cannot set headers",
					example = "k3x9q1-6") @Nullable String lastEventIdParam,
			@Parameter(in = ParameterIn.HEADER, name = "Last-Event-ID",
					description = "Resume after this event id (sent by EventSource on reconnect)",
					example = "k3x9q1-6") @Nullable String lastEventIdHeader,
			@Parameter(hidden = true) ServerHttpResponse response,
			@Parameter(hidden = true) ServerWebExchange exchange);

}
