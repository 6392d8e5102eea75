package io.hubbridge.hub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hubbridge.phoenix.MalformedFrameException;
import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.Serializer.Version;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;

/**
 * One websocket connection to the embedded Hub: Phoenix's socket process. It decodes what
 * the client sends, dispatches it to its joined channels, closes itself when the client
 * has been silent for the idle timeout, and leaves every topic when it ends. Inbound
 * frames are handled on the connection's event loop.
 */
final class HubSocket implements ChannelPeer {

	private static final Logger logger = LoggerFactory.getLogger(HubSocket.class);

	static final String ROOM_PREFIX = "room:";

	static final String TYPING = "user:typing";

	static final String SHOUT = "shout";

	private final HubRegistry registry;

	private final Version version;

	private final Duration idleTimeout;

	/** Joined channels by topic; changed only on the event loop. */
	private final Map<String, JoinedChannel> channels = new ConcurrentHashMap<>();

	private final SocketOutbound outbound = new SocketOutbound(this::overflowed);

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile String id = "-";

	private volatile @Nullable Connection connection;

	HubSocket(HubRegistry registry, Version version, Duration idleTimeout) {
		this.registry = registry;
		this.version = version;
		this.idleTimeout = idleTimeout;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public void push(ServerFrame frame) {
		if (logger.isTraceEnabled()) {
			logger.trace("[{}] << {}", this.id, new String(frame.encoded(this.version), StandardCharsets.UTF_8));
		}
		this.outbound.push(frame);
	}

	/** The websocket handler: runs until the connection has gone. */
	Publisher<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
		in.withConnection(this::attach);
		Mono<Void> inboundProcessed = in.aggregateFrames(HubJson.MAX_FRAME_BYTES)
			.receiveFrames()
			.doOnNext(this::onFrame)
			.then()
			.onErrorResume(this::inboundFailed)
			.doFinally((signal) -> end("connection closed"));
		Mono<Void> outboundSent = out.sendObject(this.outbound.frames(this.version))
			.then()
			.then(Mono.defer(() -> this.outbound.finish(out, this.connection)))
			.onErrorResume(this::outboundFailed);
		return Mono.when(inboundProcessed, outboundSent).doFinally((signal) -> end("handler ended"));
	}

	/**
	 * The hub stops gracefully: {@code phx_error} on every joined channel, then drop TCP.
	 */
	void shutdown() {
		if (this.ended.compareAndSet(false, true)) {
			logger.debug("[{}] hub stopping", this.id);
			for (JoinedChannel channel : this.channels.values()) {
				push(ServerFrame.channelEvent(channel.joinRef(), channel.topic().name(), Message.ERROR));
			}
			this.channels.clear();
			this.outbound.drop();
			this.registry.unregister(this);
		}
	}

	/** The hub is killed: drop TCP at once. */
	void abort() {
		this.ended.set(true);
		this.channels.clear();
		this.outbound.complete();
		this.registry.unregister(this);
		Connection current = this.connection;
		if (current != null) {
			current.channel().close();
		}
	}

	private void attach(Connection connection) {
		this.connection = connection;
		this.id = connection.channel().id().asShortText();
		logger.debug("[{}] connected ({})", this.id, this.version);
		if (!this.registry.register(this)) {
			abort();
			return;
		}
		connection.onReadIdle(this.idleTimeout.toMillis(), this::idle);
	}

	private void onFrame(WebSocketFrame frame) {
		if (this.ended.get()) {
			return;
		}
		if (frame instanceof PingWebSocketFrame) {
			this.outbound.pong(ByteBufUtil.getBytes(frame.content()));
			return;
		}
		if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
			onData(frame.content(), frame instanceof TextWebSocketFrame);
		}
	}

	private void onData(ByteBuf content, boolean text) {
		String data = HubJson.utf8(content.nioBuffer());
		if (data == null) {
			// Cowboy rejects invalid UTF-8 in text frames (1007); Jason crashes on it in
			// binary ones (1011)
			fail(text ? WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code()
					: WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "invalid UTF-8");
			return;
		}
		if (logger.isTraceEnabled()) {
			logger.trace("[{}] >> {}", this.id, data);
		}
		InboundMessage message;
		try {
			message = InboundMessage.decode(this.version, data);
		}
		catch (MalformedFrameException ex) {
			fail(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), ex.getMessage());
			return;
		}
		dispatch(message);
	}

	private void dispatch(InboundMessage message) {
		if (message.isHeartbeat()) {
			push(ServerFrame.ok(null, message.ref(), message.topic()));
			return;
		}
		String topic = message.topicName();
		JoinedChannel channel = (topic != null) ? this.channels.get(topic) : null;
		if (message.isEvent(Message.JOIN)) {
			join(message, topic, channel);
		}
		else if (channel == null) {
			push(unmatchedTopic(message));
		}
		else if (message.isEvent(Message.LEAVE)) {
			this.channels.remove(topic, channel);
			channel.topic().leave(channel, message.ref());
		}
		else if (message.isEvent(TYPING) && hasKeys(message.payload(), "username", "typing")) {
			channel.topic()
				.typing(channel, message.ref(), message.payload().get("username"), message.payload().get("typing"));
		}
		else if (message.isEvent(SHOUT) && message.payload().isObject()) {
			channel.topic().broadcast(ServerFrame.push(topic, SHOUT, HubJson.sorted(message.payload())));
		}
		else {
			// no handle_in/3 clause matches: the channel process crashes
			logger.debug("[{}] channel {} crashed on event {}", this.id, topic, message.event());
			this.channels.remove(topic, channel);
			channel.topic().crash(channel);
		}
	}

	private void join(InboundMessage message, @Nullable String topic, @Nullable JoinedChannel previous) {
		if (topic == null || !topic.startsWith(ROOM_PREFIX)) {
			push(unmatchedTopic(message));
			return;
		}
		JsonNode payload = message.payload();
		if (!hasKeys(payload, "username")) {
			// join/3 has no clause for this payload: Phoenix answers "join crashed"
			ServerFrame refusal = ServerFrame.error(message.ref(), message.ref(), message.topic(), "join crashed");
			if (previous != null) {
				this.channels.remove(topic, previous);
				previous.topic().rejectRejoin(previous, refusal);
			}
			else {
				push(refusal);
			}
			return;
		}
		JsonNode username = payload.get("username");
		String key = HubJson.elixirToString(username).orElse(null);
		while (true) {
			RoomTopic room = (previous != null) ? previous.topic() : this.registry.topic(topic);
			if (room == null) {
				return;
			}
			JoinedChannel channel = new JoinedChannel(this.registry.nextChannelId(), this, room, message.ref(), key,
					HubPresence.meta(null, HubJson.NODES.booleanNode(false), username));
			if (room.join(channel, previous)) {
				this.channels.put(topic, channel);
				return;
			}
			previous = null;
		}
	}

	private void idle() {
		if (!this.ended.get()) {
			logger.debug("[{}] no frame from the client for {}: closing", this.id, this.idleTimeout);
			fail(WebSocketCloseStatus.NORMAL_CLOSURE.code(), "idle timeout");
		}
	}

	/** The socket process exits: everyone sees its users leave, then the close frame. */
	private void fail(int code, @Nullable String reason) {
		if (this.ended.compareAndSet(false, true)) {
			logger.debug("[{}] closing with {}: {}", this.id, code, reason);
			leaveAll();
			this.outbound.close(code);
			this.registry.unregister(this);
		}
	}

	private void end(String reason) {
		if (this.ended.compareAndSet(false, true)) {
			logger.debug("[{}] {}", this.id, reason);
			leaveAll();
			this.outbound.complete();
			this.registry.unregister(this);
		}
	}

	private void overflowed() {
		logger.warn("[{}] client does not read: more than {} frames waiting, dropping the connection", this.id,
				SocketOutbound.CAPACITY);
		Connection current = this.connection;
		if (current == null) {
			return;
		}
		if (!current.channel().isRegistered()) {
			// already closed: nothing left to run on its event loop
			end("outbound overflow");
			return;
		}
		// leave the topics from the event loop, not from inside the broadcast that
		// overflowed
		current.channel().eventLoop().execute(() -> {
			end("outbound overflow");
			current.channel().close();
		});
	}

	private void leaveAll() {
		for (JoinedChannel channel : new ArrayList<>(this.channels.values())) {
			channel.topic().disconnect(channel);
		}
		this.channels.clear();
	}

	private Mono<Void> inboundFailed(Throwable ex) {
		logger.debug("[{}] inbound failed: {}", this.id, ex.toString());
		return Mono.empty();
	}

	private Mono<Void> outboundFailed(Throwable ex) {
		logger.debug("[{}] outbound failed: {}", this.id, ex.toString());
		return Mono.empty();
	}

	private static ServerFrame unmatchedTopic(InboundMessage message) {
		return ServerFrame.error(null, message.ref(), message.topic(), "unmatched topic");
	}

	private static boolean hasKeys(JsonNode payload, String... keys) {
		if (!payload.isObject()) {
			return false;
		}
		for (String key : keys) {
			if (!payload.has(key)) {
				return false;
			}
		}
		return true;
	}

}
