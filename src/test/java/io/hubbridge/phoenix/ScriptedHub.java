package io.hubbridge.phoenix;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.hubbridge.phoenix.Serializer.Version;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small scripted Phoenix server on a free port, answering the way Hub's transcripts
 * show: join replies followed by {@code presence_state} and the joiner's own
 * {@code presence_diff}, heartbeat replies, leave replies followed by {@code phx_close},
 * shouts broadcast to every joined connection, other events answered ok. It can be told
 * to refuse joins, ignore them, stop answering heartbeats, and each connection can be
 * made to send anything, close, or drop TCP. {@code /forbidden/websocket} answers the
 * handshake with 403 and {@code /silent/websocket} never answers it.
 */
final class ScriptedHub implements AutoCloseable {

	static final int MAX_FRAME = 16 * 1024 * 1024;

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private final Sinks.Many<HubConnection> connections = Sinks.many().replay().all();

	private final List<HubConnection> joined = new CopyOnWriteArrayList<>();

	private final Sinks.Empty<Void> silentRequestClosed = Sinks.empty();

	private final DisposableServer server;

	private volatile JoinMode joinMode = JoinMode.OK;

	private volatile boolean answerHeartbeats = true;

	private volatile JsonNode presenceState = nodes.objectNode();

	ScriptedHub() {
		WebsocketServerSpec websocketSpec = WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME).build();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnConnection((connection) -> this.channels.add(connection.channel()))
			.route((routes) -> routes
				.get("/socket/websocket",
						(request, response) -> response.sendWebsocket((in, out) -> accept(request, in, out),
								websocketSpec))
				.get("/forbidden/websocket",
						(request, response) -> response.status(HttpResponseStatus.FORBIDDEN).send())
				.get("/silent/websocket", (request, response) -> silent(request)))
			.bindNow();
	}

	URI socketUrl() {
		return url("/socket/websocket");
	}

	URI url(String path) {
		return URI.create("ws://127.0.0.1:" + this.server.port() + path);
	}

	ScriptedHub joinMode(JoinMode mode) {
		this.joinMode = mode;
		return this;
	}

	ScriptedHub answerHeartbeats(boolean answer) {
		this.answerHeartbeats = answer;
		return this;
	}

	ScriptedHub presenceState(JsonNode state) {
		this.presenceState = state;
		return this;
	}

	/** Every websocket connection accepted so far and from now on. */
	Flux<HubConnection> connections() {
		return this.connections.asFlux();
	}

	/** The first websocket connection, waiting for it if need be. */
	HubConnection firstConnection() {
		HubConnection first = connections().blockFirst(Duration.ofSeconds(5));
		if (first == null) {
			throw new IllegalStateException("no connection");
		}
		return first;
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.channels.close().awaitUninterruptibly(5000);
	}

	/**
	 * Completes when a request to {@code /silent/websocket} has come and its connection
	 * is closed.
	 */
	Mono<Void> silentRequestClosed() {
		return this.silentRequestClosed.asMono();
	}

	private Mono<Void> silent(HttpServerRequest request) {
		request.withConnection((connection) -> connection.onDispose(this.silentRequestClosed::tryEmitEmpty));
		return Mono.never();
	}

	private Publisher<Void> accept(HttpServerRequest request, WebsocketInbound in, WebsocketOutbound out) {
		Version version = request.uri().contains("vsn=2.") ? Version.V2 : Version.V1;
		HubConnection connection = new HubConnection(version, request.uri(), request.requestHeaders(), in, out);
		this.connections.emitNext(connection, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
		return in.aggregateFrames(MAX_FRAME)
			.receiveFrames()
			.doOnNext(connection::onFrame)
			.doFinally((signal) -> this.joined.remove(connection))
			.then();
	}

	/**
	 * The client may be gone by the time the server writes: that is not a test failure.
	 */
	private static void ignore(Throwable ex) {
	}

	private static ObjectNode ok() {
		return nodes.objectNode();
	}

	/** What the scripted server does with joins. */
	enum JoinMode {

		/** Reply ok, then presence_state, then the joiner's presence_diff. */
		OK,

		/**
		 * Reply error {"reason":"join crashed"}, as Hub does to a join without username.
		 */
		REFUSE,

		/** Never reply. */
		SILENT

	}

	/** A frame received from the client and when. */
	record Received(String text, long nanos) {
	}

	/** The server side of one websocket connection. */
	final class HubConnection {

		private final Serializer serializer;

		private final String uri;

		private final HttpHeaders headers;

		private final WebsocketOutbound out;

		private final long openedNanos = System.nanoTime();

		private final Sinks.Many<Received> received = Sinks.many().replay().all();

		private final Sinks.One<WebSocketCloseStatus> closeStatus = Sinks.one();

		private final Sinks.Empty<Void> closed = Sinks.empty();

		private volatile @Nullable Channel channel;

		private volatile @Nullable String joinRef;

		private volatile @Nullable String topic;

		HubConnection(Version version, String uri, HttpHeaders headers, WebsocketInbound in, WebsocketOutbound out) {
			this.serializer = Serializer.forVersion(version);
			this.uri = uri;
			this.headers = headers;
			this.out = out;
			in.withConnection((connection) -> {
				this.channel = connection.channel();
				connection.onDispose(() -> this.closed.tryEmitEmpty());
			});
			in.receiveCloseStatus()
				.subscribe(this.closeStatus::tryEmitValue, this.closeStatus::tryEmitError,
						this.closeStatus::tryEmitEmpty);
		}

		String uri() {
			return this.uri;
		}

		HttpHeaders headers() {
			return this.headers;
		}

		long openedNanos() {
			return this.openedNanos;
		}

		/** Every frame received from the client, as text. */
		Flux<Received> received() {
			return this.received.asFlux();
		}

		/** Every frame received from the client that decodes. */
		Flux<Message> messages() {
			return received().mapNotNull((frame) -> {
				try {
					return this.serializer.decode(frame.text());
				}
				catch (MalformedFrameException ex) {
					return null;
				}
			});
		}

		/**
		 * The close frame the client sent (or the one this side sent first); empty if the
		 * connection ended without one.
		 */
		Mono<WebSocketCloseStatus> closeStatus() {
			return this.closeStatus.asMono();
		}

		/** Completes once the connection is closed. */
		Mono<Void> closed() {
			return this.closed.asMono();
		}

		@Nullable String joinRef() {
			return this.joinRef;
		}

		/** Sends a message as Hub does: V1 frames from the server carry no join_ref. */
		Mono<Void> send(Message message) {
			Message wire = (this.serializer == V1Serializer.INSTANCE)
					? new Message(null, message.ref(), message.topic(), message.event(), message.payload()) : message;
			return sendText(this.serializer.encode(wire));
		}

		Mono<Void> sendText(String text) {
			return this.out.sendObject(new TextWebSocketFrame(text)).then();
		}

		/**
		 * Sends a message as one text frame followed by continuation frames of at most
		 * {@code fragmentSize} bytes each.
		 */
		Mono<Void> sendFragmented(Message message, int fragmentSize) {
			Message wire = (this.serializer == V1Serializer.INSTANCE)
					? new Message(null, message.ref(), message.topic(), message.event(), message.payload()) : message;
			byte[] bytes = this.serializer.encode(wire).getBytes(StandardCharsets.UTF_8);
			List<WebSocketFrame> frames = new ArrayList<>();
			for (int start = 0; start < bytes.length; start += fragmentSize) {
				int end = Math.min(bytes.length, start + fragmentSize);
				boolean last = end == bytes.length;
				ByteBuf part = Unpooled.wrappedBuffer(bytes, start, end - start);
				frames.add((start == 0) ? new TextWebSocketFrame(last, 0, part)
						: new ContinuationWebSocketFrame(last, 0, part));
			}
			return this.out.sendObject(Flux.fromIterable(frames)).then();
		}

		Mono<Void> sendBinary(byte[] bytes) {
			return this.out.sendObject(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))).then();
		}

		Mono<Void> close(int code, String reason) {
			return this.out.sendClose(code, reason);
		}

		/** Closes TCP without a close frame. */
		void dropTcp() {
			Channel current = this.channel;
			if (current != null) {
				current.close();
			}
		}

		private void onFrame(WebSocketFrame frame) {
			String text;
			if (frame instanceof TextWebSocketFrame textFrame) {
				text = textFrame.text();
			}
			else if (frame instanceof BinaryWebSocketFrame) {
				text = frame.content().toString(StandardCharsets.UTF_8);
			}
			else {
				return;
			}
			this.received.tryEmitNext(new Received(text, System.nanoTime()));
			Message message;
			try {
				message = this.serializer.decode(text);
			}
			catch (MalformedFrameException ex) {
				return;
			}
			answer(message);
		}

		private void answer(Message message) {
			if (Message.PHOENIX_TOPIC.equals(message.topic())) {
				if (Message.HEARTBEAT.equals(message.event()) && ScriptedHub.this.answerHeartbeats) {
					reply(message, Message.STATUS_OK, ok());
				}
				return;
			}
			switch (message.event()) {
				case Message.JOIN -> join(message);
				case Message.LEAVE -> {
					reply(message, Message.STATUS_OK, ok());
					send(new Message(this.joinRef, this.joinRef, message.topic(), Message.CLOSE, ok())).subscribe(null,
							ScriptedHub::ignore);
					ScriptedHub.this.joined.remove(this);
				}
				case "shout" -> {
					for (HubConnection connection : ScriptedHub.this.joined) {
						if (message.topic().equals(connection.topic)) {
							connection.send(new Message(null, null, message.topic(), "shout", message.payload()))
								.subscribe(null, ScriptedHub::ignore);
						}
					}
				}
				default -> reply(message, Message.STATUS_OK, ok());
			}
		}

		private void join(Message join) {
			switch (ScriptedHub.this.joinMode) {
				case OK -> {
					this.joinRef = (join.joinRef() != null) ? join.joinRef() : join.ref();
					this.topic = join.topic();
					reply(join, Message.STATUS_OK, ok());
					send(new Message(null, null, join.topic(), "presence_state", ScriptedHub.this.presenceState))
						.subscribe(null, ScriptedHub::ignore);
					send(new Message(null, null, join.topic(), "presence_diff", joinDiff(join.payload())))
						.subscribe(null, ScriptedHub::ignore);
					ScriptedHub.this.joined.add(this);
				}
				case REFUSE -> reply(join, Message.STATUS_ERROR, ok().put("reason", "join crashed"));
				case SILENT -> {
				}
			}
		}

		private void reply(Message request, String status, JsonNode response) {
			send(Message.reply(request.joinRef(), request.ref(), request.topic(), status, response)).subscribe(null,
					ScriptedHub::ignore);
		}

		private JsonNode joinDiff(JsonNode joinPayload) {
			String username = joinPayload.path("username").asString("");
			ObjectNode meta = ok().put("phx_ref", UUID.randomUUID().toString().substring(0, 12))
				.put("typing", false)
				.put("username", username);
			ObjectNode joins = ok();
			joins.putObject(username).putArray("metas").add(meta);
			ObjectNode diff = ok();
			diff.set("joins", joins);
			diff.set("leaves", ok());
			return diff;
		}

	}

}
