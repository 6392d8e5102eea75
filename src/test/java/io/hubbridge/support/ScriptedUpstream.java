package io.hubbridge.support;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal scripted Hub for fault tests, speaking V1 frames as Hub does: answers
 * heartbeats and leaves, refuses the first joins it is told to refuse (with Hub's
 * {@code {"reason":"join crashed"}}), and follows an accepted join with
 * {@code presence_state}, the joiner's {@code presence_diff} and then whatever frames it
 * was given. It records when each join arrived.
 */
public final class ScriptedUpstream implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DisposableServer server;

	private final AtomicInteger joinsToRefuse = new AtomicInteger();

	private final BlockingQueue<Long> joinNanos = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> requestUris = new LinkedBlockingQueue<>();

	private volatile List<Object> afterJoin = List.of();

	private volatile List<Object> afterLaterJoins;

	private final AtomicInteger acceptedJoins = new AtomicInteger();

	public ScriptedUpstream() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/socket/websocket", (request, response) -> {
				this.requestUris.add(request.uri());
				return response.sendWebsocket(this::session);
			}))
			.bindNow();
	}

	public InetSocketAddress address() {
		return (InetSocketAddress) this.server.address();
	}

	/** The next {@code count} joins get an error reply. */
	public ScriptedUpstream refuseJoins(int count) {
		this.joinsToRefuse.set(count);
		return this;
	}

	/**
	 * Frames to send after each accepted join's presence: a {@link String} is a text
	 * frame, a {@code byte[]} a binary frame; {@code TOPIC} in a string is replaced by
	 * the joined topic.
	 */
	public ScriptedUpstream afterJoin(Object... frames) {
		this.afterJoin = List.of(frames);
		return this;
	}

	/**
	 * Frames to send after every accepted join but the first, instead of
	 * {@link #afterJoin}'s.
	 */
	public ScriptedUpstream thenAfterJoin(Object... frames) {
		this.afterLaterJoins = List.of(frames);
		return this;
	}

	/** {@code ws://127.0.0.1:PORT/socket/websocket}. */
	public URI socketUrl() {
		return URI.create("ws://127.0.0.1:" + this.server.port() + "/socket/websocket");
	}

	/** The request URI (path and query) of each websocket handshake, in arrival order. */
	public BlockingQueue<String> requestUris() {
		return this.requestUris;
	}

	/** When each join arrived, in {@link System#nanoTime()}. */
	public BlockingQueue<Long> joinNanos() {
		return this.joinNanos;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private Publisher<Void> session(WebsocketInbound in, WebsocketOutbound out) {
		Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();
		// frames are emitted from the inbound's event loop only
		Mono<Void> answering = in.receive()
			.asString()
			.doOnNext((text) -> answer(JSON.readTree(text), outbound))
			.doFinally((signal) -> outbound.tryEmitComplete())
			.then();
		return Mono.when(out.sendObject(outbound.asFlux()).then(), answering);
	}

	private void answer(JsonNode frame, Sinks.Many<WebSocketFrame> outbound) {
		String topic = frame.path("topic").asString("");
		String event = frame.path("event").asString("");
		JsonNode refNode = frame.get("ref");
		String ref = (refNode == null || refNode.isNull()) ? null : refNode.asString();
		switch (event) {
			case "phx_join" -> join(topic, ref, frame.path("payload"), outbound);
			case "phx_leave" -> {
				reply(topic, ref, "ok", JSON.createObjectNode(), outbound);
				text(message(topic, "phx_close", JSON.createObjectNode(), ref), outbound);
			}
			case "shout" -> text(message(topic, "shout", frame.path("payload"), null), outbound);
			default -> reply(topic, ref, "ok", JSON.createObjectNode(), outbound);
		}
	}

	private void join(String topic, String ref, JsonNode payload, Sinks.Many<WebSocketFrame> outbound) {
		this.joinNanos.add(System.nanoTime());
		if (this.joinsToRefuse.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			reply(topic, ref, "error", JSON.createObjectNode().put("reason", "join crashed"), outbound);
			return;
		}
		reply(topic, ref, "ok", JSON.createObjectNode(), outbound);
		text(message(topic, "presence_state", JSON.createObjectNode(), null), outbound);
		String username = payload.path("username").asString("");
		ObjectNode diff = JSON.createObjectNode();
		diff.putObject("joins")
			.putObject(username)
			.putArray("metas")
			.addObject()
			.put("phx_ref", "s" + this.joinNanos.size())
			.put("typing", false)
			.put("username", username);
		diff.putObject("leaves");
		text(message(topic, "presence_diff", diff, null), outbound);
		boolean first = this.acceptedJoins.getAndIncrement() == 0;
		List<Object> frames = (first || this.afterLaterJoins == null) ? this.afterJoin : this.afterLaterJoins;
		for (Object scripted : frames) {
			if (scripted instanceof byte[] bytes) {
				outbound.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
			}
			else {
				outbound.tryEmitNext(new TextWebSocketFrame(((String) scripted).replace("TOPIC", topic)));
			}
		}
	}

	private static void reply(String topic, String ref, String status, JsonNode response,
			Sinks.Many<WebSocketFrame> outbound) {
		ObjectNode payload = JSON.createObjectNode().put("status", status);
		payload.set("response", response);
		text(message(topic, "phx_reply", payload, ref), outbound);
	}

	private static String message(String topic, String event, JsonNode payload, String ref) {
		ObjectNode frame = JSON.createObjectNode();
		frame.put("event", event);
		frame.set("payload", payload);
		frame.put("ref", ref);
		frame.put("topic", topic);
		return JSON.writeValueAsString(frame);
	}

	private static void text(String text, Sinks.Many<WebSocketFrame> outbound) {
		outbound.tryEmitNext(new TextWebSocketFrame(text));
	}

}
