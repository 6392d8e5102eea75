package io.hubbridge.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.EventType;
import io.hubbridge.room.RoomEvent;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.SseFrames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A room's live events as Server-Sent Events. Each event arrives already serialized by
 * the room, and the same bytes are written to every subscriber.
 */
@RestController
class RoomEventsController implements RoomEventsApi {

	private static final byte[] CLOSED = SseFrames
		.comment("stream closed by the bridge; reconnect with Last-Event-ID to resume");

	private static final String KNOWN_TYPES = Arrays.stream(EventType.values())
		.map(EventType::wireName)
		.collect(Collectors.joining(", "));

	private final RoomRegistry rooms;

	private final KeepAlive keepAlive;

	private final byte[] retry;

	RoomEventsController(RoomRegistry rooms, KeepAlive keepAlive, BridgeProperties properties) {
		this.rooms = rooms;
		this.keepAlive = keepAlive;
		this.retry = SseFrames.retry(properties.sse().retry().toMillis());
	}

	@Override
	@GetMapping(path = "/api/rooms/{room}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Mono<Void> events(@PathVariable String room, @RequestParam(required = false) @Nullable String types,
			@RequestParam(name = "last_event_id", required = false) @Nullable String lastEventIdParam,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
			ServerHttpResponse response) {
		RoomNames.check("room", room);
		Set<EventType> wanted = parseTypes(types);
		String lastEventId = (lastEventIdHeader != null) ? lastEventIdHeader : lastEventIdParam;
		Flux<RoomEvent> roomEvents = this.rooms.subscribe(room, lastEventId, wanted);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.TEXT_EVENT_STREAM);
		headers.setCacheControl("no-cache");
		headers.set("X-Accel-Buffering", "no");
		return response
			.writeAndFlushWith(stream(roomEvents).map((bytes) -> Mono.just(response.bufferFactory().wrap(bytes))));
	}

	/** {@code retry:}, then the room's events with keep-alive comments between them. */
	private Flux<byte[]> stream(Flux<RoomEvent> roomEvents) {
		Sinks.Empty<Void> roomEventsEnded = Sinks.empty();
		Flux<byte[]> events = roomEvents.map(RoomEvent::sse)
			.concatWith(Mono.just(CLOSED))
			.doFinally((signal) -> roomEventsEnded.tryEmitEmpty());
		Flux<byte[]> comments = this.keepAlive.comments().takeUntilOther(roomEventsEnded.asMono());
		return Flux.concat(Mono.just(this.retry), Flux.merge(events, comments));
	}

	private static Set<EventType> parseTypes(@Nullable String types) {
		if (types == null) {
			return EnumSet.allOf(EventType.class);
		}
		try {
			return EventType.parseList(types);
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.field("types", ex.getMessage() + "; known types: " + KNOWN_TYPES);
		}
	}

}
