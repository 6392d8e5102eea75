package io.hubbridge.phoenix;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.hubbridge.phoenix.Disconnect.Kind;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;

/**
 * One websocket connection to a Phoenix socket and the one channel joined on it: refs,
 * join, heartbeats, dispatch of what the server sends, and how it all ends. Frames,
 * replies and heartbeat ticks are handled on the connection's event loop; timers run on
 * the injected scheduler and only settle the join or start a close.
 */
final class UpstreamConnection {

	private static final Logger logger = LoggerFactory.getLogger(UpstreamConnection.class);

	private static final int NORMAL_CLOSURE = 1000;

	private final String id;

	private final JoinSpec spec;

	private final String topic;

	private final Serializer serializer;

	private final Consumer<Message> listener;

	private final Scheduler timer;

	private final PhoenixChannel channel;

	/** The connect URL with its secrets masked: the only form that is logged. */
	private final String loggedUrl;

	private final AtomicLong lastRef = new AtomicLong();

	private final Map<String, Sinks.One<Message>> pendingReplies = new ConcurrentHashMap<>();

	private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);

	private final AtomicReference<@Nullable Disconnect> closeReason = new AtomicReference<>();

	private final AtomicBoolean joinSettled = new AtomicBoolean();

	private final AtomicBoolean leaveStarted = new AtomicBoolean();

	private final AtomicBoolean terminated = new AtomicBoolean();

	private final AtomicLong malformedFrames = new AtomicLong();

	private final Sinks.One<PhoenixChannel> joined = Sinks.one();

	private final Sinks.One<Disconnect> disconnected = Sinks.one();

	private final Sinks.Empty<Void> closedAfterLeave = Sinks.empty();

	private volatile @Nullable WebsocketOutbound outbound;

	private volatile @Nullable EventLoop eventLoop;

	private volatile @Nullable WebSocketCloseStatus lastCloseStatus;

	private volatile String joinRef = "";

	private volatile Disposable session = Disposables.disposed();

	private volatile Disposable connectTimer = Disposables.disposed();

	private volatile Disposable joinTimer = Disposables.disposed();

	private volatile Disposable heartbeats = Disposables.disposed();

	/** The ref of the heartbeat awaiting its reply; touched on the event loop only. */
	private @Nullable String pendingHeartbeat;

	UpstreamConnection(JoinSpec spec, Consumer<Message> listener, Scheduler timer) {
		this.id = String.format("up-%04x", ThreadLocalRandom.current().nextInt(1 << 16));
		this.spec = spec;
		this.topic = spec.topic();
		this.serializer = Serializer.forVersion(spec.version());
		this.listener = listener;
		this.timer = timer;
		this.channel = new PhoenixChannel(this);
		this.loggedUrl = SocketUrl.redacted(spec.connectUrl());
	}

	/**
	 * Open the socket and join; the returned Mono emits the channel once the join is
	 * answered ok, and fails only after the socket is closed.
	 */
	Mono<PhoenixChannel> open(HttpClient httpClient) {
		URI url = this.spec.connectUrl();
		logger.debug("[{} {}] connecting to {}", this.id, this.topic, this.loggedUrl);
		this.connectTimer = Mono.delay(this.spec.connectTimeout(), this.timer).subscribe((tick) -> onConnectTimeout());
		WebsocketClientSpec websocketSpec = WebsocketClientSpec.builder()
			.maxFramePayloadLength(this.spec.maxFramePayloadLength())
			.build();
		int connectMillis = (int) Math.min(Integer.MAX_VALUE, this.spec.connectTimeout().toMillis());
		this.session = httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
			.websocket(websocketSpec)
			.uri(url)
			.handle(this::handle)
			.subscribe(null, this::terminate, () -> terminate(null));
		return this.joined.asMono()
			.onErrorResume((ex) -> this.disconnected.asMono().then(Mono.error(ex)))
			.doFinally((signal) -> {
				// cancelled before the channel reached the caller (after that, a cancel
				// is no signal of this Mono's)
				if (signal == SignalType.CANCEL) {
					cancelJoin();
				}
			});
	}

	String id() {
		return this.id;
	}

	String topic() {
		return this.topic;
	}

	long malformedFrames() {
		return this.malformedFrames.get();
	}

	Mono<Disconnect> disconnected() {
		return this.disconnected.asMono();
	}

	Mono<Void> push(String event, JsonNode payload) {
		return Mono.defer(() -> {
			if (this.state.get() != State.JOINED) {
				return Mono.error(closed("cannot push " + event, null));
			}
			return send(new Message(this.joinRef, nextRef(), this.topic, event, payload));
		});
	}

	Mono<Message> request(String event, JsonNode payload, Duration timeout) {
		return Mono.defer(() -> {
			if (this.state.get() != State.JOINED) {
				return Mono.error(closed("cannot push " + event, null));
			}
			return exchange(event, payload, timeout);
		});
	}

	Mono<Void> leave(Duration timeout) {
		return Mono.defer(() -> {
			if (!this.leaveStarted.compareAndSet(false, true)
					|| !this.state.compareAndSet(State.JOINED, State.LEAVING)) {
				// already leaving or gone: wait for the end
				return this.disconnected.asMono().then();
			}
			logger.debug("[{} {}] leaving", this.id, this.topic);
			Mono<Message> leaveReply = exchange(Message.LEAVE, JoinSpec.emptyPayload(), timeout);
			Mono<Void> channelClosed = this.closedAfterLeave.asMono();
			return leaveReply
				.doOnNext(
						(reply) -> logger.debug("[{} {}] leave answered {}", this.id, this.topic, reply.replyStatus()))
				.filter((reply) -> Message.STATUS_OK.equals(reply.replyStatus()))
				// Phoenix follows an ok leave reply with phx_close: close the socket
				// after it
				.flatMap((reply) -> channelClosed)
				.timeout(timeout, Mono.empty(), this.timer)
				.onErrorResume(UpstreamException.class, (ex) -> {
					logger.debug("[{} {}] leave not confirmed: {}", this.id, this.topic, ex.getMessage());
					return Mono.empty();
				})
				.doFinally((signal) -> closeWith(new Disconnect(Kind.LEFT, NORMAL_CLOSURE, "left")))
				.then(this.disconnected.asMono())
				.then();
		});
	}

	void close() {
		closeWith(new Disconnect(Kind.CLOSED, NORMAL_CLOSURE, "closed"));
	}

	private Publisher<Void> handle(WebsocketInbound inbound, WebsocketOutbound outbound) {
		this.connectTimer.dispose();
		inbound.withConnection((connection) -> this.eventLoop = connection.channel().eventLoop());
		inbound.receiveCloseStatus()
			.subscribe((status) -> this.lastCloseStatus = status,
					(ex) -> logger.debug("[{} {}] no close status: {}", this.id, this.topic, ex.getMessage()));
		this.outbound = outbound;
		Disconnect early = this.closeReason.get();
		if (early != null) {
			// closed (timed out, cancelled) while the handshake was under way
			return outbound.sendClose(NORMAL_CLOSURE, early.reason());
		}
		logger.debug("[{} {}] socket open, joining", this.id, this.topic);
		this.state.compareAndSet(State.CONNECTING, State.JOINING);
		String ref = nextRef();
		this.joinRef = ref;
		this.joinTimer = Mono.delay(this.spec.joinTimeout(), this.timer).subscribe((tick) -> onJoinTimeout());
		Duration interval = this.spec.heartbeatInterval();
		this.heartbeats = Flux.interval(interval, interval, this.timer)
			.subscribe((tick) -> onEventLoop(this::onHeartbeatDue));
		if (this.terminated.get()) {
			// ended while the timers were being set up
			this.joinTimer.dispose();
			this.heartbeats.dispose();
		}
		Mono<Void> joinSent = send(new Message(ref, ref, this.topic, Message.JOIN, this.spec.joinPayload()));
		joinSent.subscribe(null,
				(ex) -> logger.debug("[{} {}] join not sent: {}", this.id, this.topic, ex.getMessage()));
		Mono<Void> inboundFrames = inbound.aggregateFrames(this.spec.maxFramePayloadLength())
			.receiveFrames()
			.doOnNext(this::onFrame)
			.then();
		return inboundFrames;
	}

	private void onFrame(WebSocketFrame frame) {
		Message message;
		try {
			String text = FrameText.of(frame);
			if (text == null) {
				return;
			}
			if (logger.isTraceEnabled()) {
				logger.trace("[{} {}] << {}", this.id, this.topic, text);
			}
			message = this.serializer.decode(text);
		}
		catch (MalformedFrameException ex) {
			onMalformed(ex.getMessage());
			return;
		}
		dispatch(message);
	}

	private void dispatch(Message message) {
		if (Message.PHOENIX_TOPIC.equals(message.topic())) {
			onSocketMessage(message);
			return;
		}
		if (!this.topic.equals(message.topic())) {
			logger.debug("[{} {}] dropped {} for topic {}", this.id, this.topic, message.event(), message.topic());
			return;
		}
		if (message.joinRef() != null && !message.joinRef().equals(this.joinRef)) {
			logger.debug("[{} {}] dropped {} of an older join ({})", this.id, this.topic, message.event(),
					message.joinRef());
			return;
		}
		switch (message.event()) {
			case Message.REPLY -> onReply(message);
			case Message.ERROR -> onChannelEnded(Kind.CHANNEL_ERROR, message);
			case Message.CLOSE -> onChannelEnded(Kind.CHANNEL_CLOSED, message);
			case Message.JOIN, Message.LEAVE, Message.HEARTBEAT ->
				onMalformed("client event " + message.event() + " sent by the server");
			default -> onApplicationMessage(message);
		}
	}

	private void onSocketMessage(Message message) {
		String ref = message.ref();
		if (message.isReply() && ref != null && ref.equals(this.pendingHeartbeat)) {
			this.pendingHeartbeat = null;
			return;
		}
		logger.debug("[{} {}] dropped {} on topic phoenix", this.id, this.topic, message.event());
	}

	private void onReply(Message message) {
		String ref = message.ref();
		if (ref != null && ref.equals(this.joinRef) && this.state.get() == State.JOINING) {
			onJoinReply(message);
			return;
		}
		Sinks.One<Message> waiting = (ref != null) ? this.pendingReplies.remove(ref) : null;
		if (waiting != null) {
			waiting.tryEmitValue(message);
		}
		else {
			logger.debug("[{} {}] reply to ref {} that nobody waits for", this.id, this.topic, ref);
		}
	}

	private void onJoinReply(Message reply) {
		this.joinTimer.dispose();
		if (!Message.STATUS_OK.equals(reply.replyStatus())) {
			failJoin(new JoinRefusedException(this.topic, reply.replyResponse()));
			return;
		}
		if (!this.joinSettled.compareAndSet(false, true)) {
			// timed out or cancelled meanwhile
			return;
		}
		// joined before anyone sees the channel, so what follows the reply reaches the
		// listener
		this.state.compareAndSet(State.JOINING, State.JOINED);
		logger.info("[{} {}] joined", this.id, this.topic);
		this.joined.tryEmitValue(this.channel);
	}

	private void onChannelEnded(Kind kind, Message message) {
		State current = this.state.get();
		if (current == State.LEAVING && kind == Kind.CHANNEL_CLOSED) {
			// the phx_close that follows our phx_leave
			this.closedAfterLeave.tryEmitEmpty();
			return;
		}
		if (current == State.JOINING) {
			failJoin(new JoinRefusedException(this.topic, message.payload()));
			return;
		}
		logger.warn("[{} {}] channel ended by the server with {}", this.id, this.topic, message.event());
		closeWith(new Disconnect(kind, NORMAL_CLOSURE, message.event()));
	}

	private void onApplicationMessage(Message message) {
		if (!this.spec.accepts(message.event())) {
			onMalformed("unknown event " + message.event());
			return;
		}
		State current = this.state.get();
		if ((current != State.JOINED && current != State.LEAVING) || this.closeReason.get() != null) {
			logger.debug("[{} {}] dropped {} outside the join", this.id, this.topic, message.event());
			return;
		}
		try {
			this.listener.accept(message);
		}
		catch (RuntimeException ex) {
			logger.warn("[{} {}] listener failed on {}", this.id, this.topic, message.event(), ex);
		}
	}

	private void onMalformed(String problem) {
		// parser messages quote the frame: keep payloads out of WARN lines
		String why = (problem.length() > 80) ? problem.substring(0, 80) + "..." : problem;
		long count = this.malformedFrames.incrementAndGet();
		if (count == 1) {
			logger.warn("[{} {}] dropped a malformed frame from the server ({}); further ones are logged at DEBUG",
					this.id, this.topic, why);
		}
		else {
			logger.debug("[{} {}] dropped malformed frame #{} ({})", this.id, this.topic, count, why);
		}
	}

	private void onHeartbeatDue() {
		if (this.terminated.get()) {
			this.heartbeats.dispose();
			return;
		}
		if (this.closeReason.get() != null) {
			return;
		}
		String unanswered = this.pendingHeartbeat;
		if (unanswered != null) {
			logger.warn("[{} {}] heartbeat {} unanswered after {} ms, closing the socket", this.id, this.topic,
					unanswered, this.spec.heartbeatInterval().toMillis());
			closeWith(new Disconnect(Kind.HEARTBEAT_TIMEOUT, NORMAL_CLOSURE, "heartbeat timeout"));
			return;
		}
		String ref = nextRef();
		this.pendingHeartbeat = ref;
		send(Message.heartbeat(ref)).subscribe(null,
				(ex) -> logger.debug("[{} {}] heartbeat not sent: {}", this.id, this.topic, ex.getMessage()));
	}

	private void onEventLoop(Runnable task) {
		EventLoop loop = this.eventLoop;
		if (loop == null) {
			return;
		}
		try {
			loop.execute(task);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("[{} {}] event loop is shut down", this.id, this.topic);
		}
	}

	private void onConnectTimeout() {
		failJoin(new ConnectFailedException(
				"no websocket to " + this.loggedUrl + " within " + this.spec.connectTimeout().toMillis() + " ms",
				null));
	}

	private void onJoinTimeout() {
		failJoin(new JoinTimeoutException(this.topic, this.spec.joinTimeout()));
	}

	/**
	 * Closes the socket, also when Hub's answer has just settled the join: the channel
	 * that answer carries will not reach the caller, and would stay joined on Hub.
	 */
	private void cancelJoin() {
		this.joinSettled.set(true);
		logger.debug("[{} {}] join cancelled", this.id, this.topic);
		closeWith(new Disconnect(Kind.CLOSED, NORMAL_CLOSURE, "join cancelled"));
	}

	private void failJoin(UpstreamException failure) {
		if (!this.joinSettled.compareAndSet(false, true)) {
			return;
		}
		logger.info("[{} {}] join failed: {}", this.id, this.topic, failure.getMessage());
		closeWith(new Disconnect(Kind.CLOSED, NORMAL_CLOSURE, "join failed"));
		this.joined.tryEmitError(failure);
	}

	/** Start closing the socket for the given reason, unless it is already closing. */
	private void closeWith(Disconnect reason) {
		if (!this.closeReason.compareAndSet(null, reason)) {
			return;
		}
		WebsocketOutbound out = this.outbound;
		if (out != null) {
			logger.debug("[{} {}] closing: {}", this.id, this.topic, reason);
			int status = (reason.closeStatus() != null) ? reason.closeStatus() : NORMAL_CLOSURE;
			out.sendClose(status, reason.reason())
				.subscribe(null,
						(ex) -> logger.debug("[{} {}] close not sent: {}", this.id, this.topic, ex.getMessage()));
		}
		else {
			// the handshake is still under way: abandon it
			this.session.dispose();
			terminate(null);
		}
	}

	/** The socket is gone: settle everything that still waits, once. */
	private void terminate(@Nullable Throwable error) {
		if (!this.terminated.compareAndSet(false, true)) {
			return;
		}
		State previous = this.state.getAndSet(State.CLOSED);
		boolean wasJoined = previous == State.JOINED || previous == State.LEAVING;
		this.connectTimer.dispose();
		this.joinTimer.dispose();
		this.heartbeats.dispose();
		this.closeReason.compareAndSet(null, SocketEnd.disconnect(error, this.lastCloseStatus));
		Disconnect disconnect = this.closeReason.get();
		failJoin(SocketEnd.joinFailure(this.loggedUrl, error, disconnect));
		ConnectionClosedException gone = closed("connection closed", error);
		this.pendingReplies.values().forEach((reply) -> reply.tryEmitError(gone));
		this.pendingReplies.clear();
		if (wasJoined) {
			logger.info("[{} {}] disconnected: {}", this.id, this.topic, disconnect);
		}
		else {
			logger.debug("[{} {}] disconnected: {}", this.id, this.topic, disconnect);
		}
		this.disconnected.tryEmitValue(disconnect);
	}

	private Mono<Message> exchange(String event, JsonNode payload, Duration timeout) {
		String ref = nextRef();
		Sinks.One<Message> reply = Sinks.one();
		this.pendingReplies.put(ref, reply);
		if (this.terminated.get()) {
			this.pendingReplies.remove(ref);
			return Mono.error(closed("cannot push " + event, null));
		}
		Mono<Void> sent = send(new Message(this.joinRef, ref, this.topic, event, payload));
		return sent.then(reply.asMono())
			.timeout(timeout, Mono.error(() -> new PushTimeoutException(this.topic, event, ref, timeout)), this.timer)
			.doFinally((signal) -> this.pendingReplies.remove(ref));
	}

	/**
	 * Write one message; completes once it is flushed to the socket, fails if the
	 * connection is gone or closing, or with {@link FrameTooLargeException} (the
	 * connection carrying on) if its frame would exceed the frame limit.
	 */
	private Mono<Void> send(Message message) {
		WebsocketOutbound out = this.outbound;
		if (out == null || this.closeReason.get() != null) {
			return Mono.error(closed("cannot send " + message.event(), null));
		}
		String text = this.serializer.encode(message);
		long size = FrameText.utf8Length(text);
		if (size > this.spec.maxFramePayloadLength()) {
			// what the server echoes of it would not fit the limit either
			logger.debug("[{} {}] refused to send a {} frame of {} bytes", this.id, this.topic, message.event(), size);
			return Mono.error(new FrameTooLargeException(message.event(), size, this.spec.maxFramePayloadLength()));
		}
		if (logger.isTraceEnabled()) {
			logger.trace("[{} {}] >> {}", this.id, this.topic, text);
		}
		return out.sendObject(new TextWebSocketFrame(text))
			.then()
			.onErrorMap((ex) -> !(ex instanceof UpstreamException),
					(ex) -> closed("cannot send " + message.event(), ex));
	}

	private ConnectionClosedException closed(String what, @Nullable Throwable cause) {
		Disconnect disconnect = this.closeReason.get();
		String why = (disconnect != null) ? disconnect.toString() : "not joined";
		return new ConnectionClosedException(what + " on " + this.topic + ": " + why, disconnect, cause);
	}

	private String nextRef() {
		return Long.toString(this.lastRef.incrementAndGet());
	}

	@Override
	public String toString() {
		return this.id + " " + this.topic + " " + this.state.get();
	}

	private enum State {

		CONNECTING, JOINING, JOINED, LEAVING, CLOSED

	}

}
