package io.hubbridge.phoenix;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What to connect to and join, and how patiently. Immutable.
 *
 * @param socketUrl the Phoenix socket, such as {@code ws://hub:4000/socket/websocket};
 * {@code vsn} is added to its query
 * @param version the serializer to speak
 * @param topic the topic to join, such as {@code room:lobby}
 * @param joinPayload the {@code phx_join} payload, such as {@code {"username":"robin"}}
 * @param connectTimeout how long the TCP connect and the websocket handshake may take
 * @param joinTimeout how long, once the socket is open, the join reply may take
 * @param heartbeatInterval how often to heartbeat; the first goes out one interval after
 * the socket opens, and a heartbeat still unanswered when the next is due closes the
 * socket
 * @param maxFramePayloadLength the largest websocket frame (after aggregating
 * continuation frames) accepted from the server, in bytes; frames the client would send
 * larger than this are refused with {@link FrameTooLargeException}
 * @param events the application events the server may send on the topic; others are
 * counted as malformed and dropped. Empty (the default) accepts every event. Phoenix's
 * own {@code phx_reply}, {@code phx_error} and {@code phx_close} are always understood.
 */
public record JoinSpec(URI socketUrl, Serializer.Version version, String topic, JsonNode joinPayload,
		Duration connectTimeout, Duration joinTimeout, Duration heartbeatInterval, int maxFramePayloadLength,
		Set<String> events) {

	/** Phoenix JS client's default for join and push timeouts. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/** Phoenix JS client's default heartbeat interval. */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);

	/** 16 MiB: Hub has no frame limit and broadcasts 8 MiB shouts. */
	public static final int DEFAULT_MAX_FRAME_PAYLOAD_LENGTH = 16 * 1024 * 1024;

	public JoinSpec {
		Objects.requireNonNull(socketUrl, "socketUrl");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(topic, "topic");
		Objects.requireNonNull(joinPayload, "joinPayload");
		requirePositive(connectTimeout, "connectTimeout");
		requirePositive(joinTimeout, "joinTimeout");
		requirePositive(heartbeatInterval, "heartbeatInterval");
		String scheme = socketUrl.getScheme();
		if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
			throw new IllegalArgumentException("socketUrl must be ws:// or wss://, was " + socketUrl);
		}
		if (maxFramePayloadLength <= 0) {
			throw new IllegalArgumentException("maxFramePayloadLength must be positive");
		}
		events = Set.copyOf(events);
	}

	/** A spec that accepts every event on the topic. */
	public JoinSpec(URI socketUrl, Serializer.Version version, String topic, JsonNode joinPayload,
			Duration connectTimeout, Duration joinTimeout, Duration heartbeatInterval, int maxFramePayloadLength) {
		this(socketUrl, version, topic, joinPayload, connectTimeout, joinTimeout, heartbeatInterval,
				maxFramePayloadLength, Set.of());
	}

	/**
	 * A spec with the Phoenix JS client's timings (10 s connect and join timeouts, 30 s
	 * heartbeat) and a 16 MiB frame limit.
	 */
	public static JoinSpec of(URI socketUrl, Serializer.Version version, String topic, JsonNode joinPayload) {
		return new JoinSpec(socketUrl, version, topic, joinPayload, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT,
				DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_MAX_FRAME_PAYLOAD_LENGTH);
	}

	/** An empty join payload, {@code {}}. */
	public static JsonNode emptyPayload() {
		return JsonNodeFactory.instance.objectNode();
	}

	public JoinSpec withTimeouts(Duration connectTimeout, Duration joinTimeout) {
		return new JoinSpec(this.socketUrl, this.version, this.topic, this.joinPayload, connectTimeout, joinTimeout,
				this.heartbeatInterval, this.maxFramePayloadLength, this.events);
	}

	public JoinSpec withHeartbeatInterval(Duration heartbeatInterval) {
		return new JoinSpec(this.socketUrl, this.version, this.topic, this.joinPayload, this.connectTimeout,
				this.joinTimeout, heartbeatInterval, this.maxFramePayloadLength, this.events);
	}

	public JoinSpec withMaxFramePayloadLength(int maxFramePayloadLength) {
		return new JoinSpec(this.socketUrl, this.version, this.topic, this.joinPayload, this.connectTimeout,
				this.joinTimeout, this.heartbeatInterval, maxFramePayloadLength, this.events);
	}

	public JoinSpec withEvents(Set<String> events) {
		return new JoinSpec(this.socketUrl, this.version, this.topic, this.joinPayload, this.connectTimeout,
				this.joinTimeout, this.heartbeatInterval, this.maxFramePayloadLength, events);
	}

	/**
	 * The URL actually opened: {@link #socketUrl()} with {@code vsn} added to its query.
	 */
	public URI connectUrl() {
		String url = this.socketUrl.toString();
		int fragment = url.indexOf('#');
		if (fragment >= 0) {
			url = url.substring(0, fragment);
		}
		String separator = (this.socketUrl.getRawQuery() != null) ? "&" : "?";
		return URI.create(url + separator + "vsn=" + Serializer.forVersion(this.version).vsn());
	}

	/** Like the generated one, with the socket URL's secrets masked. */
	@Override
	public String toString() {
		return "JoinSpec[socketUrl=" + SocketUrl.redacted(this.socketUrl) + ", version=" + this.version + ", topic="
				+ this.topic + ", connectTimeout=" + this.connectTimeout + ", joinTimeout=" + this.joinTimeout
				+ ", heartbeatInterval=" + this.heartbeatInterval + ", maxFramePayloadLength="
				+ this.maxFramePayloadLength + ", events=" + this.events + "]";
	}

	/** Whether the server may send this event on the topic. */
	boolean accepts(String event) {
		return this.events.isEmpty() || this.events.contains(event);
	}

	private static void requirePositive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
	}

}
