package io.hubbridge.support;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain websocket user of Hub, written independently of the bridge's client: joins one
 * room with the V1 serializer, as the seed document's Python client does, and records
 * what Hub sends it.
 */
public final class HubUser implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String room;

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	private final List<JsonNode> all = new CopyOnWriteArrayList<>();

	private final AtomicInteger refs = new AtomicInteger();

	private final Disposable connection;

	private HubUser(URI socketUrl, String room, String username) {
		this.room = room;
		this.connection = HttpClient.create().websocket().uri(socketUrl).handle(this::session).subscribe();
		send("phx_join", JSON.createObjectNode().put("username", username));
	}

	/** Joins {@code room:ROOM} as {@code username} and waits for the join's reply. */
	public static HubUser join(URI socketUrl, String room, String username) {
		HubUser user = new HubUser(socketUrl, room, username);
		JsonNode reply = user.next("phx_reply");
		assertThat(reply.at("/payload/status").stringValue()).isEqualTo("ok");
		return user;
	}

	private Flux<Void> session(WebsocketInbound in, WebsocketOutbound out) {
		Flux<Void> receiving = in.receive().asString().doOnNext((text) -> {
			JsonNode frame = JSON.readTree(text);
			this.all.add(frame);
			this.received.add(frame);
		}).thenMany(Flux.empty());
		return Flux.merge(out.sendString(this.outbound.asFlux()).then(), receiving);
	}

	private void send(String event, JsonNode payload) {
		ObjectNode frame = JSON.createObjectNode();
		frame.put("topic", "room:" + this.room);
		frame.put("event", event);
		frame.set("payload", payload);
		frame.put("ref", Integer.toString(this.refs.incrementAndGet()));
		this.outbound.tryEmitNext(JSON.writeValueAsString(frame));
	}

	public void shout(String name, String body) {
		send("shout", JSON.createObjectNode().put("body", body).put("channel", this.room).put("name", name));
	}

	/** A heartbeat on the socket, so that Hub does not close it as idle. */
	public void heartbeat() {
		ObjectNode frame = JSON.createObjectNode();
		frame.put("topic", "phoenix");
		frame.put("event", "heartbeat");
		frame.set("payload", JSON.createObjectNode());
		frame.put("ref", Integer.toString(this.refs.incrementAndGet()));
		this.outbound.tryEmitNext(JSON.writeValueAsString(frame));
	}

	public void typing(String username, boolean typing) {
		send("user:typing", JSON.createObjectNode().put("username", username).put("typing", typing));
	}

	/** The next frame with this event, skipping others, waiting at most 10 s. */
	public JsonNode next(String event) {
		return next(event, (frame) -> true);
	}

	/**
	 * The next frame with this event that matches, skipping others, waiting at most 10 s.
	 */
	public JsonNode next(String event, java.util.function.Predicate<JsonNode> matching) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		try {
			while (System.nanoTime() < deadline) {
				JsonNode frame = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (frame != null && frame.get("event").stringValue().equals(event) && matching.test(frame)) {
					return frame;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new AssertionError("no '" + event + "' frame within 10 s");
	}

	/**
	 * The presence keys this user believes present, sorted: its presence states and diffs
	 * merged per connection (phx_ref), a key gone when its last connection left.
	 */
	public List<String> presentKeys() {
		Map<String, Set<String>> refs = new TreeMap<>();
		for (JsonNode frame : frames()) {
			String event = frame.get("event").stringValue();
			if (event.equals("presence_state")) {
				refs.clear();
				addRefs(refs, frame.get("payload"));
			}
			else if (event.equals("presence_diff")) {
				addRefs(refs, frame.at("/payload/joins"));
				frame.at("/payload/leaves").properties().forEach((entry) -> {
					Set<String> left = refs.getOrDefault(entry.getKey(), new HashSet<>());
					entry.getValue().get("metas").forEach((meta) -> left.remove(meta.get("phx_ref").stringValue()));
					if (left.isEmpty()) {
						refs.remove(entry.getKey());
					}
				});
			}
		}
		return List.copyOf(refs.keySet());
	}

	private static void addRefs(Map<String, Set<String>> refs, JsonNode keys) {
		keys.properties()
			.forEach((entry) -> entry.getValue()
				.get("metas")
				.forEach((meta) -> refs.computeIfAbsent(entry.getKey(), (key) -> new HashSet<>())
					.add(meta.get("phx_ref").stringValue())));
	}

	/** Every frame received so far. */
	public List<JsonNode> frames() {
		return List.copyOf(this.all);
	}

	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		this.connection.dispose();
	}

}
