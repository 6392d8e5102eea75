package io.hubbridge.hub;

import io.hubbridge.phoenix.Serializer.Version;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.concurrent.Queues;

/**
 * What one socket sends, in order: frames from any thread, then at most one ending (a
 * close frame with a code, or dropping TCP without one). The queue is bounded: a client
 * that does not read loses its connection rather than the hub its memory.
 */
final class SocketOutbound {

	/** Frames that may wait for one slow client before it is dropped. */
	static final int CAPACITY = 4096;

	private final Sinks.Many<Item> items = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<Item>get(CAPACITY).get());

	private final Object lock = new Object();

	private final Runnable onOverflow;

	private boolean ended;

	private volatile @Nullable Item ending;

	/**
	 * @param onOverflow called, outside any lock of this class, when the queue is full;
	 * the connection is then dropped
	 */
	SocketOutbound(Runnable onOverflow) {
		this.onOverflow = onOverflow;
	}

	void push(ServerFrame frame) {
		emit(new Frame(frame));
	}

	void pong(byte[] data) {
		emit(new Pong(data));
	}

	/** Send what is queued, then a close frame with {@code code} and an empty reason. */
	void close(int code) {
		end(new Close(code));
	}

	/** Send what is queued, then close TCP without a close frame. */
	void drop() {
		end(Drop.INSTANCE);
	}

	/** The connection has gone: nothing more to send. */
	void complete() {
		synchronized (this.lock) {
			this.ended = true;
			this.items.tryEmitComplete();
		}
	}

	/**
	 * The websocket frames to write, for the socket's serializer; completes at the end.
	 */
	Flux<WebSocketFrame> frames(Version version) {
		return this.items.asFlux()
			.takeWhile((item) -> !(item instanceof Close) && !(item instanceof Drop))
			.map((item) -> toWebSocketFrame(item, version));
	}

	/** Once the frames are written: the ending that was asked for, if any. */
	Mono<Void> finish(WebsocketOutbound out, @Nullable Connection connection) {
		Item end = this.ending;
		if (end instanceof Close close) {
			return out.sendClose(close.code(), "");
		}
		if (end instanceof Drop && connection != null) {
			connection.channel().close();
		}
		return Mono.empty();
	}

	private void emit(Item item) {
		boolean overflow;
		synchronized (this.lock) {
			if (this.ended) {
				return;
			}
			overflow = this.items.tryEmitNext(item).isFailure();
			if (overflow) {
				this.ended = true;
				this.ending = Drop.INSTANCE;
				this.items.tryEmitComplete();
			}
		}
		if (overflow) {
			this.onOverflow.run();
		}
	}

	private void end(Item end) {
		synchronized (this.lock) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			this.ending = end;
			if (this.items.tryEmitNext(end).isFailure()) {
				this.items.tryEmitComplete();
			}
		}
	}

	private static WebSocketFrame toWebSocketFrame(Item item, Version version) {
		if (item instanceof Pong pong) {
			return new PongWebSocketFrame(Unpooled.wrappedBuffer(pong.data()));
		}
		return new TextWebSocketFrame(Unpooled.wrappedBuffer(((Frame) item).frame().encoded(version)));
	}

	private sealed interface Item permits Frame, Pong, Close, Drop {

	}

	private record Frame(ServerFrame frame) implements Item {
	}

	private record Pong(byte[] data) implements Item {
	}

	private record Close(int code) implements Item {
	}

	private enum Drop implements Item {

		INSTANCE

	}

}
