package io.hubbridge.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.hubbridge.room.event.JoinEvent;
import io.hubbridge.room.event.LeaveEvent;
import io.hubbridge.room.event.PresenceSnapshot;
import io.hubbridge.room.event.ResetEvent;
import io.hubbridge.room.event.ShoutEvent;
import io.hubbridge.room.event.ShutdownEvent;
import io.hubbridge.room.event.TypingEvent;
import io.hubbridge.room.event.UpstreamEvent;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description of {@code GET /api/rooms/{room}/events}, whole: parameters, the
 * {@code text/event-stream} answer with a schema per event type, and the problems. Kept
 * here rather than on the handler so that it does not depend on how the stream is
 * implemented (it replaces whatever springdoc derived from the handler, or adds the
 * operation when springdoc found none).
 */
class RoomEventsOpenApi implements OpenApiCustomizer {

	static final String PATH = "/api/rooms/{room}/events";

	private static final String SCHEMAS = "#/components/schemas/";

	private static final String PROBLEM = "application/problem+json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Every event type on the wire, its data and when it is sent, in stream order. */
	static final List<StreamEvent> EVENTS = List.of(
			new StreamEvent("presence", PresenceSnapshot.class, "PresenceSseEvent",
					"Who is in the room, as `GET /api/rooms/{room}/presence` answers: first on every stream, and "
							+ "again whenever the upstream (re)joins (followed by the `join`/`leave` events that "
							+ "reconcile what the client knew). Its `lastEventId` is its own id."),
			new StreamEvent("shout", ShoutEvent.class, "ShoutSseEvent",
					"Hub broadcast a shout in the room, whoever sent it (a `POST …/shouts` answers `201` with "
							+ "this event's id)."),
			new StreamEvent("join", JoinEvent.class, "JoinSseEvent",
					"A user appeared: its first connection joined (a second tab is not a new join)."),
			new StreamEvent("leave", LeaveEvent.class, "LeaveSseEvent", "A user's last connection left."),
			new StreamEvent("typing", TypingEvent.class, "TypingSseEvent",
					"A user started or stopped typing (never reported as a join)."),
			new StreamEvent("upstream", UpstreamEvent.class, "UpstreamSseEvent",
					"The room's session to Hub changed state: `connecting`, `joined`, `reconnecting` or "
							+ "`failed`, with the attempt and the reason. Events Hub sent while the upstream was "
							+ "down cannot be recovered."),
			new StreamEvent("reset", ResetEvent.class, "ResetSseEvent",
					"A resume could not be honoured (`history-lost`, `foreign-id`, `invalid-id`); a fresh "
							+ "`presence` follows. Sent whatever `types` asked for."),
			new StreamEvent("shutdown", ShutdownEvent.class, "ShutdownSseEvent",
					"The bridge is shutting down: the stream's last event, after a `retry:` of `retryAfterMs`; "
							+ "the stream then ends. Sent whatever `types` asked for."));

	static final String STREAM_EXAMPLE = """
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

	private static final String DESCRIPTION = """
			Opens the room's upstream session if needed and streams its events as Server-Sent Events \
			(`text/event-stream`, UTF-8), for `EventSource`, `curl -N` or any SSE client. Answered with \
			`Cache-Control: no-cache` and `X-Accel-Buffering: no`, never compressed.

			**The wire format.** The stream starts with a `retry: MILLIS` line (the reconnection delay, \
			`bridge.sse.retry`), then a `presence` event. Each event is an `id:` line, an `event:` line \
			naming its type and one `data:` line of JSON (JSON escapes line breaks, so a shout's text can \
			never add a line, field or event), then an empty line:

			```
			id: k3x9q1-6
			event: shout
			data: {"room":"lobby","name":"robin2","body":"hello","receivedAt":"2026-11-27T23:11:26.001Z","extra":{}}
			```

			| `event:` | `data:` schema | when |
			|---|---|---|
			%s

			The response schema, `RoomSseEvent`, describes one event as the fields an SSE parser gives \
			(`id`, `event`, and `data` parsed as JSON), told apart by `event`.

			**Ids.** Every event has an `id:` of the form `EPOCH-SEQ`: EPOCH (digits and lower-case letters) \
			names this room session's life in this bridge process, SEQ counts its events by one. An id \
			of another process, replica or earlier session of the room is recognised as foreign.

			**Resume.** Reconnect with the header `Last-Event-ID` (as `EventSource` does by itself) or the \
			query parameter `last_event_id` (the header wins) to get exactly the events missed, while they \
			are in the room's replay buffer (`bridge.rooms.replay-events`, `bridge.rooms.replay-max-age`); \
			otherwise a `reset` event, then a fresh `presence`.

			**Filter.** `types=shout,typing` sends only those types (and `reset` and `shutdown`, which every \
			stream gets); an unknown type is a `400`.

			**Comments** (lines starting with `:`, which SSE clients ignore): `: keep-alive` every \
			`bridge.sse.keep-alive` (15 s); a stream that fell more than `bridge.rooms.subscriber-queue` \
			events behind ends with `: too slow: …; reconnect with Last-Event-ID to resume`, and one that \
			the bridge ends otherwise (the room closed) with `: stream closed by the bridge; reconnect with \
			Last-Event-ID to resume`.

			**Shutdown.** When the bridge shuts down every stream gets `retry: MILLIS` \
			(`bridge.shutdown.retry-after`) and a last `shutdown` event, then ends.""";

	@Override
	public void customise(OpenAPI openApi) {
		// the 3.1 converter, as springdoc's own; schemas springdoc found already are kept
		EVENTS.forEach((event) -> ModelConverters.getInstance(true)
			.readAll(event.data())
			.forEach((name, schema) -> openApi.getComponents().getSchemas().putIfAbsent(name, schema)));
		openApi.getComponents().addSchemas("EventId", eventId());
		Discriminator discriminator = new Discriminator().propertyName("event");
		Schema<?> union = new Schema<>()
			.description("One event of a room's stream, as an SSE parser gives it: `id`, `event` (its type) and `data` "
					+ "(parsed as JSON), told apart by `event`.")
			.discriminator(discriminator);
		for (StreamEvent event : EVENTS) {
			openApi.getComponents().addSchemas(event.sseSchema(), sseEvent(event));
			union.addOneOfItem(ref(event.sseSchema()));
			discriminator.mapping(event.name(), SCHEMAS + event.sseSchema());
		}
		openApi.getComponents().addSchemas("RoomSseEvent", union);
		PathItem path = openApi.getPaths().computeIfAbsent(PATH, (key) -> new PathItem());
		path.setGet(operation((path.getGet() != null) ? path.getGet() : new Operation()));
	}

	private static Operation operation(Operation operation) {
		StringBuilder table = new StringBuilder();
		EVENTS.forEach((event) -> table.append("| `")
			.append(event.name())
			.append("` | ")
			.append(event.dataSchema())
			.append(" | ")
			.append(event.when())
			.append(" |\n"));
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		responses.addApiResponse("200", stream());
		responses.addApiResponse("400", problems("Invalid room name or event types",
				Map.of("invalid-types", ProblemExamples.INVALID_TYPES, "invalid-room", ProblemExamples.INVALID_ROOM)));
		responses.addApiResponse("429",
				problems("This client has `bridge.limits.max-streams-per-client` streams open already",
						Map.of("too-many-streams", ProblemExamples.TOO_MANY_STREAMS))
					.addHeaderObject("Retry-After", retryAfter()));
		responses.addApiResponse("503", problems("The bridge is shutting down and starts no new stream, has as many "
				+ "rooms open as it may (`bridge.limits.max-rooms`), or the room has as many subscribers as it may "
				+ "(`bridge.limits.max-subscribers-per-room`)",
				Map.of("shutting-down", ProblemExamples.SHUTTING_DOWN, "too-many-rooms", ProblemExamples.TOO_MANY_ROOMS,
						"room-full", ProblemExamples.ROOM_FULL))
			.addHeaderObject("Retry-After", retryAfter()));
		return operation.operationId("events")
			.tags(List.of("events"))
			.summary("Stream a room's events")
			.description(DESCRIPTION.formatted(table.toString().strip()))
			.parameters(List.of(
					new Parameter().in("path")
						.name("room")
						.required(true)
						.description(RoomEventsApi.ROOM_DESCRIPTION)
						.schema(string())
						.example("lobby"),
					new Parameter().in("query")
						.name("types")
						.required(false)
						.description("Only these event types, comma-separated: "
								+ String.join(", ", EVENTS.stream().map((event) -> "`" + event.name() + "`").toList())
								+ "; `reset` and `shutdown` are always sent")
						.schema(string())
						.example("shout,typing"),
					new Parameter().in("query")
						.name("last_event_id")
						.required(false)
						.description("Resume after this event id, for clients that cannot set headers")
						.schema(ref("EventId"))
						.example("k3x9q1-6"),
					new Parameter().in("header")
						.name("Last-Event-ID")
						.required(false)
						.description("Resume after this event id (sent by EventSource on reconnect); wins over "
								+ "`last_event_id`")
						.schema(ref("EventId"))
						.example("k3x9q1-6")))
			.responses(responses);
	}

	private static ApiResponse stream() {
		return new ApiResponse()
			.description("The event stream: `retry:`, a `presence` snapshot, then the room's events as they happen")
			.addHeaderObject("Cache-Control", new Header().description("`no-cache`").schema(string()))
			.addHeaderObject("X-Accel-Buffering",
					new Header().description("`no`: proxies that honour it do not buffer the stream").schema(string()))
			.content(new Content().addMediaType("text/event-stream",
					new MediaType().schema(ref("RoomSseEvent"))
						.examples(Map.of("stream",
								new Example().summary("The start of a stream, then its end").value(STREAM_EXAMPLE)))));
	}

	private static Schema<?> sseEvent(StreamEvent event) {
		Schema<Object> type = string().description("The `event:` line");
		type.addEnumItemObject(event.name());
		return new Schema<>().types(Set.of("object"))
			.description("`event: " + event.name() + "`: " + event.when())
			.addRequiredItem("id")
			.addRequiredItem("event")
			.addRequiredItem("data")
			.addProperty("id", ref("EventId"))
			.addProperty("event", type)
			.addProperty("data", new Schema<>().$ref(SCHEMAS + event.dataSchema())
				.description("The `data:` line: one line of JSON"));
	}

	private static Schema<?> eventId() {
		return string().pattern("^[0-9a-z]+-[0-9]+$")
			.description("An event's id, `EPOCH-SEQ`: EPOCH names the room session's life in this bridge process, "
					+ "SEQ counts its events")
			.example("k3x9q1-6");
	}

	private static ApiResponse problems(String description, Map<String, String> examples) {
		Map<String, Example> values = new LinkedHashMap<>();
		examples.keySet()
			.stream()
			.sorted()
			.forEach((name) -> values.put(name, new Example().value(JSON.readValue(examples.get(name), Map.class))));
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM, new MediaType().schema(ref("Problem")).examples(values)));
	}

	private static Header retryAfter() {
		return new Header().description("Seconds to wait before reconnecting")
			.schema(new Schema<>().types(Set.of("integer")));
	}

	private static Schema<?> ref(String schema) {
		return new Schema<>().$ref(SCHEMAS + schema);
	}

	private static Schema<Object> string() {
		return new Schema<>().types(Set.of("string"));
	}

	/**
	 * One type of event on the stream.
	 *
	 * @param name its {@code event:} name
	 * @param data the record its {@code data:} holds
	 * @param sseSchema the name of the schema of the whole event
	 * @param when when it is sent
	 */
	record StreamEvent(String name, Class<?> data, String sseSchema, String when) {

		String dataSchema() {
			return this.data.getSimpleName();
		}

	}

}
