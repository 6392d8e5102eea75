package io.hubbridge.api;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.EventType;
import io.hubbridge.room.RoomEvent;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.SlowSubscriberException;
import io.hubbridge.room.SseFrames;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * A room's live events as Server-Sent Events. Each event arrives already serialized by
 * the room, and the same bytes are written to every subscriber. A subscriber that falls a
 * whole queue behind is told why in a final comment; if it does not take even that within
 * a keep-alive period, its connection is closed.
 */
@RestController
class RoomEventsController implements RoomEventsApi {

	private static final Logger logger = LoggerFactory.getLogger(RoomEventsController.class);

	private static final List<ByteBuffer> CLOSED = List
		.of(SseFrames.wire(SseFrames.comment("stream closed by the bridge; reconnect with Last-Event-ID to resume")));

	private static final String KNOWN_TYPES = Arrays.stream(EventType.values())
		.map(EventType::wireName)
		.collect(Collectors.joining(", "));

	private final RoomRegistry rooms;

	private final KeepAlive keepAlive;

	private final List<ByteBuffer> retry;

	private final Duration keepAlivePeriod;

	private final InputRules rules;

	private final StreamsPerClient streamsPerClient;

	RoomEventsController(RoomRegistry rooms, KeepAlive keepAlive, InputRules rules, BridgeProperties properties,
			StreamsPerClient streamsPerClient) {
		this.rooms = rooms;
		this.rules = rules;
		this.streamsPerClient = streamsPerClient;
		this.keepAlive = keepAlive;
		this.retry = List.of(SseFrames.wire(SseFrames.retry(properties.sse().retry().toMillis())));
		this.keepAlivePeriod = properties.sse().keepAlive();
	}

	@Override
	@GetMapping(path = "/api/rooms/{room}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Mono<Void> events(@PathVariable String room, @RequestParam(required = false) @Nullable String types,
			@RequestParam(name = "last_event_id", required = false) @Nullable String lastEventIdParam,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
			ServerHttpResponse response, ServerWebExchange exchange) {
		this.rules.checkRoom(room);
		Set<EventType> wanted = parseTypes(types);
		String lastEventId = (lastEventIdHeader != null) ? lastEventIdHeader : lastEventIdParam;
		return this.streamsPerClient.limit(exchange, () -> write(room, lastEventId, wanted, response));
	}

	/**
	 * Subscribes to the room (refused at once when the room cannot have this stream) and
	 * writes its events.
	 */
	private Mono<Void> write(String room, @Nullable String lastEventId, Set<EventType> wanted,
			ServerHttpResponse response) {
		Flux<List<RoomEvent>> roomEvents = this.rooms.subscribeInBatches(room, lastEventId, wanted,
				ConnectionThreads.of(response));
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.TEXT_EVENT_STREAM);
		headers.setCacheControl("no-cache");
		headers.set("X-Accel-Buffering", "no");
		Sinks.Empty<Void> fellBehind = Sinks.empty();
		// flushed whenever the frames that are waiting have been written: one flush for a
		// burst, where a flush per event cost a system call per event per subscriber
		Mono<Void> written = response
			.writeWith(stream(roomEvents, fellBehind).map((frames) -> dataBuffer(response.bufferFactory(), frames)));
		// one that fell behind and does not even take its final comment is not reading
		Mono<Long> finalCommentOverdue = fellBehind.asMono().then(Mono.delay(this.keepAlivePeriod));
		Mono<Void> connectionClosed = Mono.fromRunnable(() -> closeConnection(room, response));
		return written.timeout(finalCommentOverdue, connectionClosed);
	}

	/**
	 * {@code retry:}, then the room's events with keep-alive comments between them, then
	 * a comment saying why the stream ends.
	 */
	Flux<List<ByteBuffer>> stream(Flux<List<RoomEvent>> roomEvents, Sinks.Empty<Void> fellBehind) {
		Sinks.Empty<Void> roomEventsEnded = Sinks.empty();
		Flux<List<ByteBuffer>> events = roomEvents.map(RoomEventsController::frames)
			.concatWith(Mono.just(CLOSED))
			.onErrorResume(SlowSubscriberException.class, (ex) -> {
				fellBehind.tryEmitEmpty();
				return Mono.just(List.of(tooSlow(ex)));
			})
			.doFinally((signal) -> roomEventsEnded.tryEmitEmpty());
		// dropped, not queued, for a stream that is not reading: the ticker is shared
		Flux<List<ByteBuffer>> comments = this.keepAlive.comments()
			.onBackpressureDrop()
			.takeUntilOther(roomEventsEnded.asMono());
		return Flux.concat(Mono.just(this.retry), Flux.merge(events, comments));
	}

	private static List<ByteBuffer> frames(List<RoomEvent> batch) {
		List<ByteBuffer> frames = new ArrayList<>(batch.size());
		batch.forEach((event) -> frames.add(event.wire()));
		return frames;
	}

	/**
	 * One buffer of the frames, each a duplicate of the room's: a batch is one write, and
	 * the bytes are never copied.
	 */
	private static DataBuffer dataBuffer(DataBufferFactory factory, List<ByteBuffer> frames) {
		if (frames.size() == 1) {
			return factory.wrap(frames.get(0).duplicate());
		}
		List<DataBuffer> parts = new ArrayList<>(frames.size());
		frames.forEach((frame) -> parts.add(factory.wrap(frame.duplicate())));
		return factory.join(parts);
	}

	private static ByteBuffer tooSlow(SlowSubscriberException ex) {
		return SseFrames.wire(SseFrames.comment("too slow: more than " + ex.queueCapacity()
				+ " events waited for this stream; reconnect with Last-Event-ID to resume"));
	}

	private static void closeConnection(String room, ServerHttpResponse response) {
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		if (nativeResponse instanceof NettyOutbound outbound) {
			outbound.withConnection(Connection::dispose);
		}
		logger.info("[{}] closed the connection of a subscriber that fell behind and stopped reading", room);
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
