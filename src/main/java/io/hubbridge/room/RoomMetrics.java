package io.hubbridge.room;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hubbridge.phoenix.PhoenixChannel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * One room's upstream meters, tagged with the room and removed from the registry when the
 * room closes, so that rooms coming and going leave no meters behind:
 * <ul>
 * <li>{@value #STATE}: one gauge per state ({@code state} tag), 1 for the current state
 * and 0 for the others;</li>
 * <li>{@value #RECONNECTS}: the upstream was joined again after a loss;</li>
 * <li>{@value #FAILURES}: an attempt failed or a joined session was lost, by
 * {@code cause};</li>
 * <li>{@value #MALFORMED}: frames from Hub that were dropped as malformed (not JSON,
 * wrong shape, unknown event, malformed payload);</li>
 * <li>{@value #SUBSCRIBERS}: the room's streams;</li>
 * <li>{@value #RECEIVED}: messages from Hub on the room's topic;</li>
 * <li>{@value #DELIVERED}: events handed to streams, one per event and stream;</li>
 * <li>{@value #FAN_OUT}: from a message from Hub to its events in every stream's
 * queue;</li>
 * <li>{@value #DROPPED}: streams disconnected because their queue overflowed.</li>
 * </ul>
 * The fan-out meters are updated once per message or event, never per stream: on the
 * upstream's thread as a message arrives, on the thread that hands events over to the
 * streams (outside the session's lock) as it has; all of them are thread-safe.
 */
final class RoomMetrics {

	static final String STATE = "hub.bridge.upstream.state";

	static final String RECONNECTS = "hub.bridge.upstream.reconnects";

	static final String FAILURES = "hub.bridge.upstream.attempt.failures";

	static final String MALFORMED = "hub.bridge.upstream.malformed.frames";

	static final String SUBSCRIBERS = "hub.bridge.room.subscribers";

	static final String RECEIVED = "hub.bridge.events.received";

	static final String DELIVERED = "hub.bridge.events.delivered";

	static final String FAN_OUT = "hub.bridge.fanout.latency";

	static final String DROPPED = "hub.bridge.subscribers.dropped";

	private final MeterRegistry registry;

	private final List<Meter> meters = new ArrayList<>();

	private final Counter reconnects;

	private final Map<UpstreamFailure.Cause, Counter> failures = new EnumMap<>(UpstreamFailure.Cause.class);

	private final String room;

	private final Counter received;

	private final Counter delivered;

	private final Timer fanOut;

	private final Counter dropped;

	private volatile UpstreamState state = UpstreamState.CONNECTING;

	/** Malformed frames of connections that have ended; guarded by this. */
	private long malformedOfEndedConnections;

	/** Malformed payloads the room itself dropped; guarded by this. */
	private long malformedPayloads;

	/** The joined connection, which counts its own malformed frames; guarded by this. */
	private @Nullable PhoenixChannel current;

	RoomMetrics(MeterRegistry registry, String room) {
		this.registry = registry;
		this.room = room;
		for (UpstreamState each : UpstreamState.values()) {
			this.meters.add(Gauge.builder(STATE, this, (metrics) -> (metrics.state == each) ? 1 : 0)
				.description("The room's upstream state: 1 for the current state, 0 for the others")
				.tag("room", room)
				.tag("state", each.wireName())
				.register(registry));
		}
		this.reconnects = Counter.builder(RECONNECTS)
			.description("Times the room's upstream was joined again after a loss")
			.tag("room", room)
			.register(registry);
		this.meters.add(this.reconnects);
		for (UpstreamFailure.Cause cause : UpstreamFailure.Cause.values()) {
			Counter counter = Counter.builder(FAILURES)
				.description("Failed upstream attempts and lost upstream sessions, by cause")
				.tag("room", room)
				.tag("cause", cause.tag())
				.register(registry);
			this.failures.put(cause, counter);
			this.meters.add(counter);
		}
		this.meters.add(FunctionCounter.builder(MALFORMED, this, RoomMetrics::malformedFrames)
			.description("Frames from Hub dropped as malformed: not JSON, wrong shape, unknown event, bad payload")
			.tag("room", room)
			.register(registry));
		this.received = roomCounter(RECEIVED, "Messages from Hub on the room's topic");
		this.delivered = roomCounter(DELIVERED, "Events handed to the room's streams: one per event and stream");
		// no histogram unless configured (management.metrics.distribution.*): a room's
		// series stay few
		this.fanOut = Timer.builder(FAN_OUT)
			.description("From a message from Hub to its events in every stream's queue")
			.tag("room", room)
			.register(registry);
		this.dropped = roomCounter(DROPPED,
				"Streams disconnected because they could not keep up (their queue overflowed)");
		this.meters.addAll(List.of(this.received, this.delivered, this.fanOut, this.dropped));
	}

	private Counter roomCounter(String name, String description) {
		return Counter.builder(name).description(description).tag("room", this.room).register(this.registry);
	}

	/** Meters for rooms outside a Spring context, such as in unit tests. */
	static RoomMetrics unregistered(String room) {
		return new RoomMetrics(new SimpleMeterRegistry(), room);
	}

	void state(UpstreamState next) {
		this.state = next;
	}

	void reconnected() {
		this.reconnects.increment();
	}

	void failed(UpstreamFailure.Cause cause) {
		this.failures.get(cause).increment();
	}

	synchronized void connectionJoined(PhoenixChannel channel) {
		this.current = channel;
	}

	/** The connection ended: no frame reaches it any more, so its count is final. */
	synchronized void connectionEnded(PhoenixChannel channel) {
		if (this.current == channel) {
			this.current = null;
			this.malformedOfEndedConnections += channel.malformedFrames();
		}
	}

	synchronized void malformedPayload() {
		this.malformedPayloads++;
	}

	synchronized long malformedFrames() {
		PhoenixChannel channel = this.current;
		long ofCurrent = (channel != null) ? channel.malformedFrames() : 0;
		return this.malformedOfEndedConnections + this.malformedPayloads + ofCurrent;
	}

	/** Counts the session's streams in {@value #SUBSCRIBERS}, until the room closes. */
	void subscribers(RoomSession session) {
		this.meters.add(Gauge.builder(SUBSCRIBERS, session, RoomSession::subscriberCount)
			.description("Streams open on the room")
			.tag("room", this.room)
			.strongReference(true)
			.register(this.registry));
	}

	// ---- fan-out: once per message or event

	/**
	 * A message from Hub arrived on the room's topic.
	 * @return when ({@link Clock#monotonicTime()}), for {@link #fannedOut(int, long)} of
	 * its events
	 */
	long messageArrived() {
		this.received.increment();
		return this.registry.config().clock().monotonicTime();
	}

	/**
	 * An event was handed to streams; its latency is timed when it came from a message
	 * and reached at least one stream.
	 * @param messageArrived what {@link #messageArrived()} returned for the message the
	 * event came from, 0 for an event of the room's own
	 */
	void fannedOut(int streams, long messageArrived) {
		if (streams == 0) {
			return;
		}
		this.delivered.increment(streams);
		if (messageArrived != 0) {
			this.fanOut.record(this.registry.config().clock().monotonicTime() - messageArrived, TimeUnit.NANOSECONDS);
		}
	}

	/** A stream was disconnected because its queue overflowed. */
	void subscriberDropped() {
		this.dropped.increment();
	}

	/** Removes the room's meters from the registry. */
	void close() {
		this.meters.forEach(this.registry::remove);
	}

}
