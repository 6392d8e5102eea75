package io.hubbridge.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.concurrent.Queues;

/**
 * Shouts straight into Hub, one lean websocket user per room (Phoenix V1 frames written
 * as text), so that the bridge's fan-out is measured alone. What Hub sends back (its
 * broadcast of each shout, presence) is read and dropped; only the join's reply matters.
 */
final class HubPublisher implements ShoutPublisher {

	private static final Duration HEARTBEAT = Duration.ofSeconds(30);

	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

	private static final int QUEUE = 65536;

	private final List<String> rooms;

	private final List<Sinks.Many<String>> outbound = new ArrayList<>();

	private final List<Sinks.One<Void>> joined = new ArrayList<>();

	private final List<Disposable> connections = new ArrayList<>();

	private final Refusals refusals;

	HubPublisher(HttpClient client, URI socketUrl, List<String> rooms) {
		this.rooms = rooms;
		this.refusals = new Refusals(rooms.size());
		HttpClient.WebsocketSender websockets = client
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(16 * 1024 * 1024).build());
		for (int i = 0; i < rooms.size(); i++) {
			String room = rooms.get(i);
			Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(QUEUE).get());
			Sinks.One<Void> roomJoined = Sinks.one();
			frames.tryEmitNext(frame(room, "phx_join", "{\"username\":\"bench-publisher-" + i + "\"}", "\"join\""));
			this.outbound.add(frames);
			this.joined.add(roomJoined);
			this.connections.add(websockets.uri(socketUrl)
				.handle((in, out) -> session(in, out, frames, roomJoined))
				.subscribe(null, roomJoined::tryEmitError));
		}
	}

	private static Flux<Void> session(WebsocketInbound in, WebsocketOutbound out, Sinks.Many<String> frames,
			Sinks.One<Void> joined) {
		// Hub closes sockets silent for 45 s: heartbeats while no shout goes out
		Flux<String> heartbeats = Flux.interval(HEARTBEAT)
			.map((tick) -> "{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\"hb\"}");
		Mono<Void> sending = out.sendString(Flux.merge(frames.asFlux(), heartbeats)).then();
		Mono<Void> receiving = in.receive().asString().doOnNext((text) -> {
			if (text.contains("\"ref\":\"join\"") && text.contains("\"phx_reply\"")) {
				if (text.contains("\"status\":\"ok\"")) {
					joined.tryEmitEmpty();
				}
				else {
					joined.tryEmitError(new IllegalStateException("Hub refused the join: " + text));
				}
			}
		}).then();
		return Flux.merge(sending, receiving);
	}

	@Override
	public Mono<Void> ready() {
		return Mono.when(this.joined.stream().map(Sinks.One::asMono).toList()).timeout(JOIN_TIMEOUT);
	}

	@Override
	public void shout(int room, int sequence, String body) {
		String name = this.rooms.get(room);
		String payload = "{\"body\":\"" + body + "\",\"channel\":\"" + name + "\",\"name\":\"bench\"}";
		if (this.outbound.get(room).tryEmitNext(frame(name, "shout", payload, "null")).isFailure()) {
			this.refusals.refused(room, sequence);
		}
	}

	private static String frame(String room, String event, String payload, String ref) {
		return "{\"topic\":\"room:" + room + "\",\"event\":\"" + event + "\",\"payload\":" + payload + ",\"ref\":" + ref
				+ "}";
	}

	@Override
	public List<String> rooms() {
		return this.rooms;
	}

	@Override
	public Refusals refusals() {
		return this.refusals;
	}

	@Override
	public long inFlight() {
		return 0;
	}

	@Override
	public void close() {
		this.outbound.forEach(Sinks.Many::tryEmitComplete);
		this.connections.forEach(Disposable::dispose);
	}

}
