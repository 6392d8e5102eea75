package io.hubbridge.room;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.limits.Limit;
import io.hubbridge.limits.LimitExceededException;
import io.hubbridge.limits.RejectedRequests;
import io.hubbridge.phoenix.JoinSpec;
import io.hubbridge.phoenix.PhoenixClient;
import io.hubbridge.room.event.ShutdownEvent;
import io.hubbridge.room.presence.Presence;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open room sessions: one per room, opened on first demand and shared by every
 * caller, closed a grace period after its last subscriber has gone (or its last request,
 * for rooms that only saw requests). At most {@code bridge.limits.max-rooms} rooms are
 * open at once, and at most {@code bridge.limits.max-subscribers-per-room} streams per
 * room: beyond, a request that would open a room or start a stream is refused
 * ({@link LimitExceededException}) and rooms already open carry on.
 */
public final class RoomRegistry {

	private static final Logger logger = LoggerFactory.getLogger(RoomRegistry.class);

	/**
	 * What Hub's room channel sends; anything else is counted and dropped by the client.
	 */
	private static final Set<String> HUB_EVENTS = Set.of("presence_state", "presence_diff", "shout");

	static final String OPEN_ROOMS = "hub.bridge.rooms.open";

	static final String MAX_ROOMS = "hub.bridge.rooms.max";

	private final ConcurrentHashMap<String, OpenRoom> rooms = new ConcurrentHashMap<>();

	private final BridgeProperties properties;

	private final PhoenixClient client;

	private final URI socketUrl;

	private final SseFrames frames;

	private final Clock clock;

	private final Scheduler scheduler;

	private final RandomGenerator random;

	private final MeterRegistry meterRegistry;

	private final RejectedRequests rejections;

	private final BridgeProperties.Limits limits;

	/** Set once the shutdown has begun: what clients are told to wait. */
	private volatile @Nullable Duration shutdownRetryAfter;

	public RoomRegistry(BridgeProperties properties, PhoenixClient client, URI socketUrl, SseFrames frames, Clock clock,
			Scheduler scheduler, RandomGenerator random, MeterRegistry meterRegistry) {
		this(properties, client, socketUrl, frames, clock, scheduler, random, meterRegistry,
				new RejectedRequests(meterRegistry));
	}

	public RoomRegistry(BridgeProperties properties, PhoenixClient client, URI socketUrl, SseFrames frames, Clock clock,
			Scheduler scheduler, RandomGenerator random, MeterRegistry meterRegistry, RejectedRequests rejections) {
		this.properties = properties;
		this.client = client;
		this.socketUrl = socketUrl;
		this.frames = frames;
		this.clock = clock;
		this.scheduler = scheduler;
		this.random = random;
		this.meterRegistry = meterRegistry;
		this.rejections = rejections;
		this.limits = properties.limits();
		Gauge.builder(OPEN_ROOMS, this.rooms, Map::size)
			.description("Rooms open on this bridge")
			.register(meterRegistry);
		Gauge.builder(MAX_ROOMS, this.limits, BridgeProperties.Limits::maxRooms)
			.description("How many rooms may be open at once (bridge.limits.max-rooms)")
			.register(meterRegistry);
	}

	/**
	 * The session of a room, opening it if needed; the room's grace period starts again.
	 * @throws ShuttingDownException when the room is not open and the bridge is shutting
	 * down
	 */
	public RoomSession open(String room) {
		while (true) {
			OpenRoom open = this.rooms.get(room);
			if (open == null) {
				open = openNew(room);
			}
			if (open.session.isClosed()) {
				this.rooms.remove(room, open);
				continue;
			}
			open.start();
			open.scheduleIdleCheck();
			return open.session;
		}
	}

	/**
	 * Creates the room's session unless the bridge is shutting down or as many rooms as
	 * allowed are open. Rooms are only added here, under this lock, so that no race lets
	 * one more in; they are removed without it, which only frees room.
	 */
	private synchronized OpenRoom openNew(String room) {
		refuseIfShuttingDown();
		OpenRoom existing = this.rooms.get(room);
		if (existing != null) {
			return existing;
		}
		if (this.rooms.size() >= this.limits.maxRooms()) {
			logger.atDebug()
				.addKeyValue("room", room)
				.log("[{}] room refused: {} rooms are open", room, this.rooms.size());
			throw this.rejections.refuse(Limit.TOO_MANY_ROOMS, "The bridge has as many rooms open as it may ("
					+ this.limits.maxRooms() + "); rooms already open work as usual", this.limits.retryAfter());
		}
		return this.rooms.computeIfAbsent(room, this::create);
	}

	/**
	 * A subscriber's events of a room, opening it if needed: see
	 * {@link RoomSession#subscribe(String, Set)}.
	 * @throws ShuttingDownException at once when the bridge is shutting down, so that the
	 * stream can be refused before it starts
	 * @throws LimitExceededException at once when the room would be one too many, or is
	 * full
	 */
	public Flux<RoomEvent> subscribe(String room, @Nullable String lastEventId, Set<EventType> types) {
		return subscribe(room, (session) -> session.subscribe(lastEventId, types));
	}

	/**
	 * A subscriber's events of a room in batches written on the given loop's thread,
	 * opening the room if needed: see
	 * {@link RoomSession#subscribeInBatches(String, Set, DeliveryLoop)} and
	 * {@link #subscribe(String, String, Set)}.
	 */
	public Flux<List<RoomEvent>> subscribeInBatches(String room, @Nullable String lastEventId, Set<EventType> types,
			DeliveryLoop loop) {
		return subscribe(room, (session) -> session.subscribeInBatches(lastEventId, types, loop));
	}

	/**
	 * Registers a subscriber with a room at once, opening the room if needed: see
	 * {@link RoomSession#subscribe(String, Set, DeliveryLoop)}.
	 * @throws ShuttingDownException when the bridge is shutting down
	 * @throws LimitExceededException when the room would be one too many, or is full
	 */
	public Subscription subscribe(String room, @Nullable String lastEventId, Set<EventType> types, DeliveryLoop loop) {
		refuseIfShuttingDown();
		RoomSession session = open(room);
		try {
			return session.subscribe(lastEventId, types, loop);
		}
		catch (RoomSession.RoomClosedException closedMeanwhile) {
			return subscribe(room, lastEventId, types, loop);
		}
		catch (RoomSession.RoomFullException ex) {
			throw roomFull(room);
		}
	}

	private <T> Flux<T> subscribe(String room, Function<RoomSession, Flux<T>> subscription) {
		refuseIfShuttingDown();
		RoomSession session = open(room);
		if (session.subscriberCount() >= this.limits.maxSubscribersPerRoom()) {
			throw roomFull(room);
		}
		return Flux.defer(() -> subscription.apply(session))
			.onErrorResume(RoomSession.RoomClosedException.class, (closedMeanwhile) -> subscription.apply(open(room)))
			.onErrorResume((ex) -> endedAtOnce(room, ex));
	}

	/**
	 * A stream that started after the checks, but that the room or the bridge could not
	 * have after all, ends at once; the client retries after the stream's retry: hint.
	 * One operator for all of them, since every stream holds it for its whole life.
	 */
	private <T> Flux<T> endedAtOnce(String room, Throwable ex) {
		if (ex instanceof RoomSession.RoomFullException) {
			this.rejections.counted(Limit.ROOM_FULL);
			logger.atDebug()
				.addKeyValue("room", room)
				.log("[{}] stream ended at once: the room filled up meanwhile", room);
			return Flux.empty();
		}
		// the shutdown began, or others took the last places (rooms, streams)
		return (ex instanceof ShuttingDownException || ex instanceof LimitExceededException) ? Flux.empty()
				: Flux.error(ex);
	}

	private LimitExceededException roomFull(String room) {
		return this.rejections.refuse(Limit.ROOM_FULL,
				"Room '" + room + "' has as many subscribers as it may (" + this.limits.maxSubscribersPerRoom() + ")",
				this.limits.retryAfter());
	}

	private void refuseIfShuttingDown() {
		Duration retryAfter = this.shutdownRetryAfter;
		if (retryAfter != null) {
			throw ShuttingDownException.refusing(retryAfter);
		}
	}

	/** The session of a room if it is open; does not open it. */
	public Optional<RoomSession> find(String room) {
		return Optional.ofNullable(this.rooms.get(room)).map((open) -> open.session).filter((s) -> !s.isClosed());
	}

	/** The open sessions, by room name. */
	public List<RoomSession> list() {
		List<RoomSession> sessions = new ArrayList<>();
		this.rooms.values().forEach((open) -> sessions.add(open.session));
		sessions.removeIf(RoomSession::isClosed);
		sessions.sort(Comparator.comparing(RoomSession::room));
		return sessions;
	}

	/**
	 * Starts the shutdown: from now on no room opens and no stream starts
	 * ({@link ShuttingDownException}), and every open stream ends with a {@code shutdown}
	 * event. Rooms stay joined upstream, so that requests in flight get their answer,
	 * until {@link #closeAll()}.
	 * @param retryAfter how long clients are told to wait before they reconnect
	 */
	public synchronized void shutdown(Duration retryAfter) {
		this.shutdownRetryAfter = retryAfter;
		for (OpenRoom open : this.rooms.values()) {
			ShutdownEvent event = new ShutdownEvent(open.room, ShutdownEvent.SHUTTING_DOWN, retryAfter.toMillis());
			open.session.endStreams(EventType.SHUTDOWN, event, retryAfter);
		}
	}

	/** Whether {@link #shutdown(Duration)} has begun. */
	public boolean isShuttingDown() {
		return this.shutdownRetryAfter != null;
	}

	/**
	 * Closes every room now: subscribers' streams end and each upstream leaves its
	 * channel ({@code phx_leave}, then the socket is closed).
	 * @return completes once every upstream has left (each bounded by its leave timeout);
	 * the rooms close whether or not it is subscribed to
	 */
	public Mono<Void> closeAll() {
		List<Mono<Void>> upstreamsLeft = new ArrayList<>();
		this.rooms.values().forEach((open) -> upstreamsLeft.add(open.close()));
		this.rooms.clear();
		return Mono.when(upstreamsLeft);
	}

	private OpenRoom create(String room) {
		String epoch = Long.toString(this.random.nextLong(1L << 40, 1L << 41), 36);
		BridgeProperties.Hub hub = this.properties.hub();
		String self = hub.username();
		Presence presence = new Presence((username) -> hub.showSelf() || !username.equals(self));
		OpenRoom open = new OpenRoom(room);
		RoomMetrics metrics = new RoomMetrics(this.meterRegistry, room);
		RoomSession session = new RoomSession(room, epoch, this.properties.rooms(), presence, this.frames, this.clock,
				open::scheduleIdleCheck, metrics, this.limits.maxSubscribersPerRoom());
		metrics.subscribers(session);
		ObjectNode joinPayload = JsonNodeFactory.instance.objectNode().put("username", self);
		JoinSpec spec = new JoinSpec(this.socketUrl, hub.serializer(), "room:" + room, joinPayload,
				hub.connectTimeout(), hub.joinTimeout(), hub.heartbeatInterval(), (int) hub.maxFrameSize().toBytes(),
				HUB_EVENTS);
		open.attach(session, new RoomUpstream(session, this.client, spec, this.scheduler, this.random, metrics),
				metrics);
		logger.atInfo().addKeyValue("room", room).log("[{}] room opened (epoch {})", room, epoch);
		return open;
	}

	/** A room in the registry with its upstream and its pending idle check. */
	private final class OpenRoom {

		private final String room;

		private RoomSession session;

		private RoomUpstream upstream;

		private RoomMetrics metrics;

		private boolean started;

		private @Nullable Disposable idleCheck;

		OpenRoom(String room) {
			this.room = room;
		}

		void attach(RoomSession session, RoomUpstream upstream, RoomMetrics metrics) {
			this.session = session;
			this.upstream = upstream;
			this.metrics = metrics;
		}

		synchronized void start() {
			if (!this.started) {
				this.started = true;
				this.upstream.start();
			}
		}

		synchronized void scheduleIdleCheck() {
			if (this.idleCheck != null) {
				this.idleCheck.dispose();
			}
			long delay = this.session.gracePeriod().toMillis();
			this.idleCheck = RoomRegistry.this.scheduler.schedule(this::closeIfIdle, delay, TimeUnit.MILLISECONDS);
		}

		private void closeIfIdle() {
			// closed and removed (meters included) while the map holds the room's key,
			// so that a session opened again registers its meters after these are gone
			boolean[] closed = new boolean[1];
			RoomRegistry.this.rooms.computeIfPresent(this.room, (name, current) -> {
				if (current != this || !this.session.closeIfIdle()) {
					return current;
				}
				this.metrics.close();
				closed[0] = true;
				return null;
			});
			if (closed[0]) {
				this.upstream.stop();
				logger.atInfo()
					.addKeyValue("room", this.room)
					.log("[{}] room closed after its grace period", this.room);
			}
		}

		synchronized Mono<Void> close() {
			if (this.idleCheck != null) {
				this.idleCheck.dispose();
			}
			this.session.close();
			this.metrics.close();
			return this.upstream.stop();
		}

	}

}
