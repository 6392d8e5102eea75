package io.hubbridge.api;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.DeliveryLoop;
import io.hubbridge.room.EventType;
import io.hubbridge.room.RoomEvent;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.SlowSubscriberException;
import io.hubbridge.room.SseFrames;
import io.hubbridge.room.Subscription;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;

import org.springframework.stereotype.Component;

/**
 * A room's events as the frames of one SSE stream, whichever way the stream is served
 * ({@link EventStreamRoute} or {@link RoomEventsController}). Each event arrives already
 * serialized by the room, and the same bytes are written to every subscriber. A
 * subscriber that falls a whole queue behind is told why in a final comment; if it does
 * not take even that within a keep-alive period, its connection is closed.
 */
@Component
class EventStreams {

	private static final Logger logger = LoggerFactory.getLogger(EventStreams.class);

	static final List<ByteBuffer> CLOSED = List
		.of(SseFrames.wire(SseFrames.comment("stream closed by the bridge; reconnect with Last-Event-ID to resume")));

	private static final String KNOWN_TYPES = Arrays.stream(EventType.values())
		.map(EventType::wireName)
		.collect(Collectors.joining(", "));

	private final RoomRegistry rooms;

	private final KeepAlive keepAlive;

	private final List<ByteBuffer> retry;

	private final Duration keepAlivePeriod;

	private final InputRules rules;

	private final Duration writeInterval;

	/** One per connection event loop: its streams' events are written together. */
	private final Map<Executor, DeliveryLoop> deliveryLoops = new ConcurrentHashMap<>();

	EventStreams(RoomRegistry rooms, KeepAlive keepAlive, InputRules rules, BridgeProperties properties) {
		this.rooms = rooms;
		this.keepAlive = keepAlive;
		this.rules = rules;
		this.writeInterval = properties.rooms().subscriberWriteInterval();
		this.retry = List.of(SseFrames.wire(SseFrames.retry(properties.sse().retry().toMillis())));
		this.keepAlivePeriod = properties.sse().keepAlive();
	}

	/**
	 * Checks what a stream is asked for.
	 * @param types the {@code types} query parameter, if any
	 * @return the event types wanted
	 * @throws InvalidRequestException for a room or types the bridge refuses
	 */
	Set<EventType> check(String room, @Nullable String types) {
		this.rules.checkRoom(room);
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

	/**
	 * Subscribes to the room at once, so that a stream the room cannot have is refused
	 * before anything is written.
	 * @param connectionThread the thread that writes the stream's connection: batches are
	 * handed over there
	 * @param closeConnection closes the stream's connection, for one that stopped reading
	 * @throws org.springframework.web.ErrorResponseException when the room cannot have
	 * this stream (limits, shutdown)
	 */
	EventStream open(String room, @Nullable String lastEventId, Set<EventType> wanted, Executor connectionThread,
			Runnable closeConnection) {
		Flux<List<RoomEvent>> roomEvents = this.rooms.subscribeInBatches(room, lastEventId, wanted,
				deliveryLoop(connectionThread));
		return stream(room, roomEvents, closeConnection);
	}

	/**
	 * A stream written straight to its connection ({@link ConnectionStream}), subscribed
	 * to the room at once, so that a stream the room cannot have is refused before
	 * anything is written.
	 * @throws org.springframework.web.ErrorResponseException when the room cannot have
	 * this stream (limits, shutdown)
	 */
	ConnectionStream open(String room, @Nullable String lastEventId, Set<EventType> wanted, Connection connection) {
		Subscription subscription = this.rooms.subscribe(room, lastEventId, wanted,
				deliveryLoop(connection.channel().eventLoop()));
		return new ConnectionStream(connection, subscription, this.retry, this.keepAlive.comments());
	}

	private DeliveryLoop deliveryLoop(Executor connectionThread) {
		return this.deliveryLoops.computeIfAbsent(connectionThread,
				(thread) -> new DeliveryLoop(thread, this.writeInterval));
	}

	/** The stream of a subscription to the room. */
	EventStream stream(String room, Flux<List<RoomEvent>> roomEvents, Runnable closeConnection) {
		return new EventStream(room, roomEvents, closeConnection);
	}

	/** One subscriber's stream, subscribed to the room but not yet written. */
	final class EventStream {

		private final String room;

		private final Flux<List<RoomEvent>> roomEvents;

		private final Runnable closeConnection;

		private final Sinks.Empty<Void> fellBehind = Sinks.empty();

		private EventStream(String room, Flux<List<RoomEvent>> roomEvents, Runnable closeConnection) {
			this.room = room;
			this.roomEvents = roomEvents;
			this.closeConnection = closeConnection;
		}

		/**
		 * {@code retry:}, then the room's events, with a keep-alive comment on each tick
		 * that follows a quiet period, then a comment saying why the stream ends. Each
		 * element is a batch written (and flushed) at once.
		 */
		Flux<List<ByteBuffer>> frames() {
			Sinks.Empty<Void> roomEventsEnded = Sinks.empty();
			AtomicBoolean eventsSinceTick = new AtomicBoolean();
			Flux<List<ByteBuffer>> events = this.roomEvents.doOnNext((batch) -> eventsSinceTick.set(true))
				.map(EventStreams::frames)
				.concatWith(Mono.just(CLOSED))
				.onErrorResume(SlowSubscriberException.class, (ex) -> {
					this.fellBehind.tryEmitEmpty();
					return Mono.just(List.of(tooSlow(ex)));
				})
				.doFinally((signal) -> roomEventsEnded.tryEmitEmpty());
			// the ticker is shared: a tick is dropped, not queued, for a stream that is
			// not reading, and left out for one that was written since the last
			Flux<List<ByteBuffer>> comments = EventStreams.this.keepAlive.comments()
				.onBackpressureDrop()
				.filter((comment) -> !eventsSinceTick.getAndSet(false))
				.takeUntilOther(roomEventsEnded.asMono());
			return Flux.concat(Mono.just(EventStreams.this.retry), Flux.merge(events, comments));
		}

		/**
		 * The writing of {@link #frames()}, ended by closing the connection of a
		 * subscriber that fell behind and does not even take its final comment.
		 */
		Mono<Void> closedIfStuck(Mono<Void> written) {
			return EventStreams.this.closedIfStuck(written, this.fellBehind.asMono(), this.room, this.closeConnection);
		}

	}

	/**
	 * The writing of a stream, ended by closing the connection of a subscriber that fell
	 * behind and does not even take its final comment within a keep-alive period.
	 */
	Mono<Void> closedIfStuck(Mono<Void> written, Mono<Void> fellBehind, String room, Runnable closeConnection) {
		Mono<Long> finalCommentOverdue = fellBehind.then(Mono.delay(this.keepAlivePeriod));
		Mono<Void> connectionClosed = Mono.fromRunnable(() -> {
			closeConnection.run();
			logger.atInfo()
				.addKeyValue("room", room)
				.log("[{}] closed the connection of a subscriber that fell behind and stopped reading", room);
		});
		return written.timeout(finalCommentOverdue, connectionClosed);
	}

	static List<ByteBuffer> frames(List<RoomEvent> batch) {
		List<ByteBuffer> frames = new ArrayList<>(batch.size());
		batch.forEach((event) -> frames.add(event.wire()));
		return frames;
	}

	static ByteBuffer tooSlow(SlowSubscriberException ex) {
		return SseFrames.wire(SseFrames.comment("too slow: more than " + ex.queueCapacity()
				+ " events waited for this stream; reconnect with Last-Event-ID to resume"));
	}

}
