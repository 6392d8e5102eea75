package io.hubbridge.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A websocket client for tests: sends exactly the bytes it is given (including text
 * frames that are not UTF-8) and records everything it receives, in order, ending with
 * how the connection ended.
 */
final class TestConnection implements AutoCloseable {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final BlockingDeque<Received> received = new LinkedBlockingDeque<>();

	private final Sinks.Many<Function<WebsocketOutbound, Mono<Void>>> commands = Sinks.many()
		.unicast()
		.onBackpressureBuffer();

	private final Sinks.One<Connection> connected = Sinks.one();

	private volatile @Nullable Connection connection;

	private volatile @Nullable Disposable subscription;

	private TestConnection() {
	}

	/**
	 * Open a websocket and wait for the handshake.
	 * @throws HandshakeFailedException if the server answered with another status
	 */
	static TestConnection open(URI url, Map<String, String> headers) {
		TestConnection connection = new TestConnection();
		connection.connect(url, headers);
		return connection;
	}

	static TestConnection open(URI url) {
		return open(url, Map.of());
	}

	private void connect(URI url, Map<String, String> headers) {
		WebsocketClientSpec spec = WebsocketClientSpec.builder()
			.maxFramePayloadLength(HubJson.MAX_FRAME_BYTES)
			.handlePing(false)
			.build();
		this.subscription = HttpClient.create()
			.headers((h) -> headers.forEach(h::set))
			.websocket(spec)
			.uri(url)
			.handle((in, out) -> {
				in.withConnection(this::attached);
				in.receiveCloseStatus()
					.map(Optional::of)
					.defaultIfEmpty(Optional.empty())
					.subscribe((status) -> this.received.add(Received.ended(status.orElse(null))));
				Mono<Void> frames = in.aggregateFrames(HubJson.MAX_FRAME_BYTES)
					.receiveFrames()
					.doOnNext(this::record)
					.then();
				Mono<Void> sent = this.commands.asFlux().concatMap((command) -> command.apply(out)).then();
				return Mono.when(frames, sent);
			})
			.subscribe(null, (error) -> this.connected.tryEmitError(error));
		try {
			this.connected.asMono().block(CONNECT_TIMEOUT);
		}
		catch (RuntimeException ex) {
			close();
			WebSocketClientHandshakeException handshake = findCause(ex, WebSocketClientHandshakeException.class);
			if (handshake != null && handshake.response() != null) {
				throw new HandshakeFailedException(handshake.response().status().code(), ex);
			}
			throw ex;
		}
	}

	private void attached(Connection connection) {
		this.connection = connection;
		connection.onDispose(this.commands::tryEmitComplete);
		this.connected.tryEmitValue(connection);
	}

	private void record(WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame text) {
			this.received.add(Received.text(text.text()));
		}
		else if (frame instanceof BinaryWebSocketFrame) {
			this.received
				.add(new Received(Received.Kind.BINARY, null, ByteBufUtil.getBytes(frame.content()), null, null));
		}
		else if (frame instanceof PongWebSocketFrame) {
			this.received.add(Received.pong(ByteBufUtil.getBytes(frame.content())));
		}
	}

	void sendText(String text) {
		send(new TextWebSocketFrame(text));
	}

	/** A text frame with exactly these bytes, valid UTF-8 or not. */
	void sendTextBytes(byte[] bytes) {
		send(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
	}

	void sendBinary(byte[] bytes) {
		send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
	}

	void ping(byte[] bytes) {
		send(new PingWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
	}

	/** Send a close frame; the client then closes TCP. */
	void close(int code, String reason) {
		this.commands.tryEmitNext((out) -> out.sendClose(code, reason));
	}

	/** Close TCP without a close frame. */
	void abort() {
		this.commands.tryEmitNext((out) -> Mono.fromRunnable(() -> {
			Connection current = this.connection;
			if (current != null) {
				current.channel().close();
			}
		}));
	}

	private void send(WebSocketFrame frame) {
		this.commands.tryEmitNext((out) -> out.sendObject(Mono.just(frame)).then());
	}

	/** The next thing received, waiting up to {@code timeout}; {@code null} if none. */
	@Nullable Received poll(Duration timeout) {
		try {
			return this.received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The next thing received; fails the test if nothing comes within {@code timeout}.
	 */
	Received next(Duration timeout) {
		Received next = poll(timeout);
		if (next == null) {
			throw new AssertionError("nothing received within " + timeout);
		}
		return next;
	}

	/** The next text frame, as text; fails on anything else. */
	String nextText(Duration timeout) {
		Received next = next(timeout);
		if (next.kind() != Received.Kind.TEXT) {
			throw new AssertionError("expected a text frame but got " + next);
		}
		return next.text();
	}

	/**
	 * Release the connection: close TCP if it is still open (cancelling a pending close
	 * would release its frame twice), or give up the connection attempt.
	 */
	@Override
	public void close() {
		Connection current = this.connection;
		if (current != null) {
			current.channel().close();
			current.onDispose().block(CONNECT_TIMEOUT);
			return;
		}
		Disposable attempt = this.subscription;
		if (attempt != null) {
			attempt.dispose();
		}
	}

	private static <T extends Throwable> @Nullable T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/**
	 * One thing the client received.
	 *
	 * @param kind what it is
	 * @param text the text of a text frame
	 * @param bytes the bytes of a binary or pong frame
	 * @param closeCode for {@link Kind#ENDED}: the close frame's code, {@code null} when
	 * TCP closed without one
	 * @param closeReason the close frame's reason
	 */
	record Received(Kind kind, @Nullable String text, byte @Nullable [] bytes, @Nullable Integer closeCode,
			@Nullable String closeReason) {

		enum Kind {

			TEXT, BINARY, PONG, ENDED

		}

		static Received text(String text) {
			return new Received(Kind.TEXT, text, null, null, null);
		}

		static Received pong(byte[] bytes) {
			return new Received(Kind.PONG, null, bytes, null, null);
		}

		static Received ended(@Nullable WebSocketCloseStatus status) {
			return (status != null) ? new Received(Kind.ENDED, null, null, status.code(), status.reasonText())
					: new Received(Kind.ENDED, null, null, null, null);
		}

		@Override
		public String toString() {
			return switch (this.kind) {
				case TEXT -> "TEXT " + abbreviate(this.text);
				case BINARY -> "BINARY " + ((this.bytes != null) ? this.bytes.length : 0) + " bytes";
				case PONG ->
					"PONG " + new String((this.bytes != null) ? this.bytes : new byte[0], StandardCharsets.ISO_8859_1);
				case ENDED ->
					(this.closeCode != null) ? "CLOSE code=" + this.closeCode + " reason='" + this.closeReason + "'"
							: "TCP closed without a close frame";
			};
		}

		static String abbreviate(@Nullable String text) {
			if (text == null || text.length() <= 400) {
				return String.valueOf(text);
			}
			return text.substring(0, 300) + " ...<" + (text.length() - 400) + " chars>... "
					+ text.substring(text.length() - 100);
		}

	}

	/** The server answered the websocket handshake with another status than 101. */
	static final class HandshakeFailedException extends RuntimeException {

		private final int status;

		HandshakeFailedException(int status, Throwable cause) {
			super("handshake answered with HTTP " + status, cause);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

}
