package io.hubbridge.soak;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Hub user that shouts numbered shouts ({@code "s<number>"}) into one room at a steady
 * pace, reconnecting whenever Hub goes away. It sees Hub's broadcast of each shout, and
 * Hub's presence, so it knows whether the bridge was in the room when Hub broadcast it: a
 * shout broadcast while the bridge was present must reach the bridge's subscribers, one
 * broadcast while it was away falls in an outage the bridge declares.
 */
final class SoakShouter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration RECONNECT = Duration.ofMillis(200);

	private final URI socketUrl;

	private final String room;

	private final String bridgeUser;

	private final Duration pace;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicInteger sent = new AtomicInteger();

	private final Set<Integer> broadcastWithBridge = ConcurrentHashMap.newKeySet();

	private final Set<Integer> broadcastWithoutBridge = ConcurrentHashMap.newKeySet();

	private volatile boolean shouting = true;

	private volatile int lastBroadcast = -1;

	SoakShouter(URI socketUrl, String room, String bridgeUser, Duration pace) {
		this.socketUrl = socketUrl;
		this.room = room;
		this.bridgeUser = bridgeUser;
		this.pace = pace;
	}

	/** Connects, joins and shouts until disposed, reconnecting after every loss. */
	Disposable start() {
		Mono<Void> sessionThenPause = Mono.defer(this::session)
			.onErrorResume((ex) -> Mono.empty())
			.then(Mono.delay(RECONNECT))
			.then();
		return sessionThenPause.repeat().subscribe();
	}

	/** Stays joined, sending heartbeats instead of shouts. */
	void stopShouting() {
		this.shouting = false;
	}

	int sent() {
		return this.sent.get();
	}

	Set<Integer> broadcastWithBridge() {
		return this.broadcastWithBridge;
	}

	Set<Integer> broadcastWithoutBridge() {
		return this.broadcastWithoutBridge;
	}

	/** The last shout Hub broadcast, or -1. */
	int lastBroadcast() {
		return this.lastBroadcast;
	}

	private Mono<Void> session() {
		return HttpClient.create().websocket().uri(this.socketUrl).handle(this::exchange).then();
	}

	private Flux<Void> exchange(WebsocketInbound in, WebsocketOutbound out) {
		Session session = new Session();
		Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
		outbound.tryEmitNext(frame("room:" + this.room, "phx_join",
				JSON.createObjectNode().put("username", "shouter-" + this.room), "join"));
		Disposable ticks = Flux.interval(this.pace).subscribe((tick) -> outbound.tryEmitNext(nextFrame(session)));
		Mono<Void> receiving = in.receive().asString().doOnNext((text) -> receive(text, session)).then();
		return Flux.merge(out.sendString(outbound.asFlux()).then(), receiving).doFinally((signal) -> ticks.dispose());
	}

	/**
	 * A shout when joined and shouting, a heartbeat otherwise (Hub closes silent
	 * sockets).
	 */
	private String nextFrame(Session session) {
		if (session.joined && this.shouting) {
			int number = this.next.getAndIncrement();
			this.sent.incrementAndGet();
			ObjectNode payload = JSON.createObjectNode()
				.put("body", "s" + number)
				.put("channel", this.room)
				.put("name", "shouter");
			return frame("room:" + this.room, "shout", payload, null);
		}
		return frame("phoenix", "heartbeat", JSON.createObjectNode(), "hb");
	}

	/** Hub's frames, in order, on the connection's thread. */
	private void receive(String text, Session session) {
		JsonNode frame = JSON.readTree(text);
		JsonNode payload = frame.path("payload");
		switch (frame.path("event").asString("")) {
			case "phx_reply" -> {
				if ("join".equals(frame.path("ref").asString(null))
						&& "ok".equals(payload.path("status").asString(""))) {
					session.joined = true;
				}
			}
			case "presence_state" -> session.bridgeMetas = payload.path(this.bridgeUser).path("metas").size();
			case "presence_diff" ->
				session.bridgeMetas += payload.path("joins").path(this.bridgeUser).path("metas").size()
						- payload.path("leaves").path(this.bridgeUser).path("metas").size();
			case "shout" -> {
				int number = Integer.parseInt(payload.path("body").asString("s-1").substring(1));
				(session.bridgeMetas > 0 ? this.broadcastWithBridge : this.broadcastWithoutBridge).add(number);
				this.lastBroadcast = Math.max(this.lastBroadcast, number);
			}
			case "phx_error", "phx_close" -> session.joined = false;
			default -> {
				// heartbeat replies and anything else
			}
		}
	}

	private static String frame(String topic, String event, JsonNode payload, String ref) {
		ObjectNode frame = JSON.createObjectNode();
		frame.put("topic", topic);
		frame.put("event", event);
		frame.set("payload", payload);
		frame.put("ref", ref);
		return JSON.writeValueAsString(frame);
	}

	/**
	 * One connection's view: joined or not, and how many of the bridge's metas Hub
	 * listed.
	 */
	private static final class Session {

		private volatile boolean joined;

		private volatile int bridgeMetas;

	}

}
