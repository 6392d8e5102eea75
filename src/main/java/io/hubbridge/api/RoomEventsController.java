package io.hubbridge.api;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.hubbridge.room.EventType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
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
 * A room's live events as Server-Sent Events, for the stream requests that
 * {@link EventStreamRoute} leaves to Spring's web stack: those that need its security or
 * CORS processing, {@code HEAD}, and requests it refuses (with a problem).
 */
@RestController
class RoomEventsController implements RoomEventsApi {

	private final EventStreams streams;

	private final StreamsPerClient streamsPerClient;

	RoomEventsController(EventStreams streams, StreamsPerClient streamsPerClient) {
		this.streams = streams;
		this.streamsPerClient = streamsPerClient;
	}

	@Override
	@GetMapping(path = "/api/rooms/{room}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Mono<Void> events(@PathVariable String room, @RequestParam(required = false) @Nullable String types,
			@RequestParam(name = "last_event_id", required = false) @Nullable String lastEventIdParam,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
			ServerHttpResponse response, ServerWebExchange exchange) {
		Set<EventType> wanted = this.streams.check(room, types);
		String lastEventId = (lastEventIdHeader != null) ? lastEventIdHeader : lastEventIdParam;
		return this.streamsPerClient.limit(exchange, () -> write(room, lastEventId, wanted, response));
	}

	private Mono<Void> write(String room, @Nullable String lastEventId, Set<EventType> wanted,
			ServerHttpResponse response) {
		EventStreams.EventStream stream = this.streams.open(room, lastEventId, wanted, ConnectionThreads.of(response),
				() -> closeConnection(response));
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.TEXT_EVENT_STREAM);
		headers.setCacheControl("no-cache");
		headers.set("X-Accel-Buffering", "no");
		// flushed whenever the frames that are waiting have been written: one flush for a
		// burst, where a flush per event cost a system call per event per subscriber
		Mono<Void> written = response
			.writeWith(stream.frames().map((frames) -> dataBuffer(response.bufferFactory(), frames)));
		return stream.closedIfStuck(written);
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

	private static void closeConnection(ServerHttpResponse response) {
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		if (nativeResponse instanceof NettyOutbound outbound) {
			outbound.withConnection(Connection::dispose);
		}
	}

}
