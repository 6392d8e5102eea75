package io.hubbridge.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.phoenix.FrameTooLargeException;
import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.PhoenixChannel;
import io.hubbridge.room.PendingShouts.Confirmation;
import io.hubbridge.room.PendingShouts.PendingShout;
import io.hubbridge.room.event.JoinEvent;
import io.hubbridge.room.event.LeaveEvent;
import io.hubbridge.room.event.PresenceSnapshot;
import io.hubbridge.room.event.ResetEvent;
import io.hubbridge.room.event.ShoutEvent;
import io.hubbridge.room.event.TypingEvent;
import io.hubbridge.room.event.UpstreamEvent;
import io.hubbridge.room.presence.Joined;
import io.hubbridge.room.presence.Left;
import io.hubbridge.room.presence.Presence;
import io.hubbridge.room.presence.PresenceChange;
import io.hubbridge.room.presence.TypingChanged;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One room: its upstream state, presence, event sequence, replay buffer and subscribers.
 * Every change happens under the session's lock, so events get their ids in the order
 * subscribers see them. Events are serialized once, here, and the same bytes go to every
 * subscriber. What may take long happens after the lock is let go: the hand-over of each
 * event to every subscriber's queue ({@link FanOut}, in the order of the ids) and the
 * confirmation of a posted shout (which runs the request's answer).
 */
public final class RoomSession {

	private static final Logger logger = LoggerFactory.getLogger(RoomSession.class);

	/** Diffs that arrive before a join's presence state are held, up to this many. */
	private static final int MAX_HELD_DIFFS = 1000;

	private final String room;

	private final String epoch;

	private final BridgeProperties.Rooms settings;

	private final SseFrames frames;

	private final Clock clock;

	private final Presence presence;

	private final ReplayBuffer replay;

	private final RecentShouts recentShouts;

	private final PendingShouts pendingShouts = new PendingShouts(1024);

	private final FanOut fanOut;

	private final Sinks.Many<UpstreamStatus> statusSink = Sinks.many().replay().latest();

	private final List<JsonNode> heldDiffs = new ArrayList<>();

	private final Instant openedAt;

	private final Runnable idleListener;

	private final RoomMetrics metrics;

	private final int maxSubscribers;

	private UpstreamStatus status = UpstreamStatus.initial();

	private long seq;

	private boolean presenceSynced;

	private Instant presenceAsOf;

	private int reconnects;

	/**
	 * When the message being handled arrived, for the fan-out meter; 0 between messages.
	 */
	private long messageArrived;

	/** Whether the upstream was ever joined, so that the next join is a reconnect. */
	private boolean everJoined;

	/**
	 * Whether a malformed payload was logged at WARN for the current upstream connection.
	 */
	private boolean malformedLogged;

	private long cachedSnapshotSeq = -1;

	private @Nullable RoomEvent cachedSnapshot;

	private boolean closed;

	/** The event that ended every stream, also given to streams that start later. */
	private @Nullable RoomEvent finalEvent;

	RoomSession(String room, String epoch, BridgeProperties.Rooms settings, Presence presence, SseFrames frames,
			Clock clock, Runnable idleListener) {
		this(room, epoch, settings, presence, frames, clock, idleListener, RoomMetrics.unregistered(room));
	}

	RoomSession(String room, String epoch, BridgeProperties.Rooms settings, Presence presence, SseFrames frames,
			Clock clock, Runnable idleListener, RoomMetrics metrics) {
		this(room, epoch, settings, presence, frames, clock, idleListener, metrics, Integer.MAX_VALUE);
	}

	RoomSession(String room, String epoch, BridgeProperties.Rooms settings, Presence presence, SseFrames frames,
			Clock clock, Runnable idleListener, RoomMetrics metrics, int maxSubscribers) {
		this.maxSubscribers = maxSubscribers;
		this.room = room;
		this.epoch = epoch;
		this.settings = settings;
		this.presence = presence;
		this.frames = frames;
		this.clock = clock;
		this.idleListener = idleListener;
		this.metrics = metrics;
		this.fanOut = new FanOut(room, metrics);
		this.replay = new ReplayBuffer(settings.replayEvents(), settings.replayMaxAge());
		this.recentShouts = new RecentShouts(settings.recentShouts());
		this.openedAt = clock.instant();
		this.presenceAsOf = this.openedAt;
		this.statusSink.tryEmitNext(this.status);
	}

	public String room() {
		return this.room;
	}

	// ---- subscribers

	/**
	 * The room's events for one subscriber: first what it missed since
	 * {@code lastEventId} (or a presence snapshot, or a reset and a snapshot when that
	 * history is gone), then live events, in order, until the subscriber cancels or
	 * overflows its queue. Fails with {@link RoomFullException} when the room has its
	 * maximum of subscribers.
	 */
	public Flux<RoomEvent> subscribe(@Nullable String lastEventId, Set<EventType> types) {
		return Flux.defer(() -> SubscriptionFlux.events(subscribe(lastEventId, types, DeliveryLoop.DIRECT)));
	}

	/**
	 * The room's events for one subscriber, as {@link #subscribe(String, Set)}, in
	 * batches delivered on the given loop's thread: the subscriber's connection's event
	 * loop, so that the room's thread only queues each event, and a stream that fell
	 * behind gets all that queued meanwhile in one batch.
	 */
	public Flux<List<RoomEvent>> subscribeInBatches(@Nullable String lastEventId, Set<EventType> types,
			DeliveryLoop loop) {
		return Flux.defer(() -> SubscriptionFlux.batches(subscribe(lastEventId, types, loop)));
	}

	/**
	 * Registers a subscriber at once, with its first events (see
	 * {@link #subscribe(String, Set)}); its events are written once it is started, on the
	 * given loop's thread.
	 * @throws RoomClosedException when the session has closed
	 * @throws RoomFullException when the room has its maximum of subscribers
	 */
	public Subscription subscribe(@Nullable String lastEventId, Set<EventType> types, DeliveryLoop loop) {
		Subscriber subscriber = new Subscriber(types, this.settings.subscriberQueue(), loop, this::unregister);
		register(subscriber, lastEventId);
		return subscriber;
	}

	private synchronized void register(Subscriber subscriber, @Nullable String lastEventId) {
		if (this.closed) {
			throw new RoomClosedException(this.room);
		}
		if (this.finalEvent != null) {
			subscriber.startWith(List.of(this.finalEvent));
			subscriber.complete();
			return;
		}
		if (this.fanOut.size() >= this.maxSubscribers) {
			throw new RoomFullException(this.room);
		}
		subscriber.startWith((lastEventId != null) ? resume(lastEventId) : List.of(snapshotEvent()));
		// the first events hold those up to seq, which may still wait for their
		// hand-over: the subscriber gets only the later ones
		this.fanOut.add(subscriber, this.seq);
	}

	private List<RoomEvent> resume(String lastEventId) {
		Optional<EventId> parsed = EventId.parse(lastEventId);
		if (parsed.isEmpty()) {
			return reset("invalid-id", lastEventId);
		}
		EventId id = parsed.get();
		if (!id.epoch().equals(this.epoch)) {
			return reset("foreign-id", lastEventId);
		}
		return this.replay.after(id.seq(), this.seq, this.clock.instant())
			.orElseGet(() -> reset("history-lost", lastEventId));
	}

	private List<RoomEvent> reset(String reason, String requestedId) {
		EventId current = currentId();
		byte[] sse = this.frames.event(current, EventType.RESET, new ResetEvent(this.room, reason, requestedId));
		return List.of(new RoomEvent(current, EventType.RESET, this.clock.instant(), sse), snapshotEvent());
	}

	private void unregister(Subscriber subscriber) {
		boolean idle;
		synchronized (this) {
			// also when an overflow removed it already: the room may have become idle
			// then
			this.fanOut.remove(subscriber);
			idle = this.fanOut.isEmpty();
		}
		if (idle) {
			this.idleListener.run();
		}
	}

	public int subscriberCount() {
		return this.fanOut.size();
	}

	// ---- presence and shouts for requests

	/**
	 * The current presence, once the room has received Hub's presence state (bounded
	 * wait).
	 */
	public Mono<PresenceSnapshot> presence() {
		return this.statusSink.asFlux()
			.filter(UpstreamStatus::presenceKnown)
			.next()
			.timeout(this.settings.joinWait(), Mono.error(() -> UpstreamUnavailableException.notJoined(this.room)))
			// the session closed while the request waited
			.switchIfEmpty(Mono.error(() -> UpstreamUnavailableException.notJoined(this.room)))
			.map((status) -> snapshot());
	}

	/** The most recent shouts, oldest first. */
	public synchronized List<RecentShout> recentShouts(int limit) {
		return this.recentShouts.latest(limit);
	}

	/**
	 * Send a shout to Hub as Hub expects it ({@code {"body","channel","name"}}) and wait
	 * (bounded) for Hub's broadcast of it.
	 */
	public Mono<ShoutResult> shout(String name, String body) {
		return this.statusSink.asFlux()
			.filter((status) -> status.channel() != null)
			.next()
			.timeout(this.settings.joinWait(), Mono.error(() -> UpstreamUnavailableException.notJoined(this.room)))
			// the session closed while the request waited
			.switchIfEmpty(Mono.error(() -> UpstreamUnavailableException.notJoined(this.room)))
			.flatMap((status) -> send(status.channel(), name, body));
	}

	private Mono<ShoutResult> send(@Nullable PhoenixChannel channel, String name, String body) {
		Mono<Void> written = channel.push("shout", shoutPayload(name, body))
			.onErrorMap(FrameTooLargeException.class, (ex) -> ShoutTooLargeException.of(this.room, ex))
			.onErrorMap((ex) -> !(ex instanceof ShoutTooLargeException),
					(ex) -> UpstreamUnavailableException.notSent(this.room, ex));
		return sendAndConfirm(name, body, written);
	}

	/**
	 * Waits for the shout's broadcast once {@code written} (the push to Hub) completes;
	 * the shout is pending from the call on. Package-private for tests, which have no
	 * channel to push to.
	 */
	Mono<ShoutResult> sendAndConfirm(String name, String body, Mono<Void> written) {
		// the pending shouts' own lock, not the room's: requests never wait for the room
		PendingShout pending = this.pendingShouts.add(name, body);
		if (pending == null) {
			throw UpstreamUnavailableException.busy(this.room);
		}
		Mono<ShoutResult> confirmed = pending.confirmed()
			.map(ShoutResult::confirmed)
			.timeout(this.settings.shoutConfirmTimeout(), Mono.fromSupplier(ShoutResult::unconfirmed));
		return written.then(confirmed).doFinally((signal) -> this.pendingShouts.remove(pending));
	}

	private ObjectNode shoutPayload(String name, String body) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("body", body);
		payload.put("channel", this.room);
		payload.put("name", name);
		return payload;
	}

	// ---- room information

	public synchronized RoomInfo info() {
		return new RoomInfo(this.room, this.status.state().wireName(), this.status.attempt(), this.status.reason(),
				this.fanOut.size(), this.presence.count(), this.openedAt, this.reconnects, currentId().toString());
	}

	// ---- upstream side: called by RoomUpstream

	void upstreamConnecting(UpstreamState state, int attempt, @Nullable String reason) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.presenceSynced = false;
			this.heldDiffs.clear();
			changeStatus(this.status.with(state, attempt, reason));
		}
		handOver(false);
	}

	void upstreamJoined(PhoenixChannel channel) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			joined(channel);
		}
		handOver(false);
	}

	/**
	 * Hub's messages follow its join reply, so the first one proves the join even before
	 * the client says so.
	 */
	private void joinedByMessage() {
		if (this.status.state() != UpstreamState.JOINED) {
			joined(null);
		}
	}

	private void joined(@Nullable PhoenixChannel channel) {
		if (this.status.state() != UpstreamState.JOINED) {
			if (this.everJoined) {
				this.reconnects++;
				this.metrics.reconnected();
			}
			this.everJoined = true;
			this.malformedLogged = false;
		}
		changeStatus(this.status.joined((channel != null) ? channel : this.status.channel()));
	}

	void upstreamFailed(int attempt, String reason) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			changeStatus(this.status.with(UpstreamState.FAILED, attempt, reason));
		}
		handOver(false);
	}

	private void changeStatus(UpstreamStatus next) {
		boolean stateChanged = next.state() != this.status.state() || next.attempt() != this.status.attempt();
		this.status = next;
		this.statusSink.tryEmitNext(next);
		this.metrics.state(next.state());
		if (stateChanged) {
			emit(EventType.UPSTREAM,
					new UpstreamEvent(this.room, next.state().wireName(), next.attempt(), next.reason()));
		}
	}

	/**
	 * A message on the room's topic; runs on the upstream connection's event loop. The
	 * message's events are handed to the subscribers, and a shout of this bridge's
	 * confirmed, after the room's lock is let go.
	 */
	void upstreamMessage(Message message) {
		Confirmation confirmation = null;
		try {
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.messageArrived = this.metrics.messageArrived();
				try {
					joinedByMessage();
					switch (message.event()) {
						case "presence_state" -> presenceState(message.payload());
						case "presence_diff" -> presenceDiff(message.payload());
						case "shout" -> confirmation = shout(message.payload());
						default -> logger.debug("[{}] ignoring upstream event '{}'", this.room, message.event());
					}
				}
				finally {
					this.messageArrived = 0;
				}
			}
		}
		finally {
			// also the events of a message whose handling failed part way
			handOver(true);
		}
		if (confirmation != null) {
			confirmation.emit();
		}
	}

	private void presenceState(JsonNode state) {
		boolean rejoin = this.status.presenceKnown();
		List<PresenceChange> changes = this.presence.syncState(state);
		checkWellFormed("presence_state", this.presence.malformedEntries());
		this.presenceSynced = true;
		this.presenceAsOf = this.clock.instant();
		emitSnapshot();
		if (rejoin) {
			emitChanges(changes);
		}
		for (JsonNode diff : this.heldDiffs) {
			presenceDiff(diff);
		}
		this.heldDiffs.clear();
		// requests waiting for the presence read it now, with the id of the snapshot
		// event (or of what followed it) rather than of the event before it
		this.status = this.status.presenceReceived();
		this.statusSink.tryEmitNext(this.status);
	}

	private void presenceDiff(JsonNode diff) {
		if (!this.presenceSynced) {
			if (this.heldDiffs.size() < MAX_HELD_DIFFS) {
				this.heldDiffs.add(diff);
			}
			return;
		}
		List<PresenceChange> changes = this.presence.syncDiff(diff);
		checkWellFormed("presence_diff", this.presence.malformedEntries());
		if (!changes.isEmpty()) {
			this.presenceAsOf = this.clock.instant();
			emitChanges(changes);
		}
	}

	private void emitChanges(List<PresenceChange> changes) {
		for (PresenceChange change : changes) {
			if (change instanceof Joined joined) {
				emit(EventType.JOIN, new JoinEvent(this.room, joined.user().username()));
				if (joined.user().typing()) {
					emit(EventType.TYPING, new TypingEvent(this.room, joined.user().username(), true));
				}
			}
			else if (change instanceof Left left) {
				emit(EventType.LEAVE, new LeaveEvent(this.room, left.username()));
			}
			else if (change instanceof TypingChanged typing) {
				emit(EventType.TYPING, new TypingEvent(this.room, typing.username(), typing.typing()));
			}
		}
	}

	/**
	 * @return the confirmation of this bridge's shout that the broadcast matches, to emit
	 * once the lock is let go, if any
	 */
	private @Nullable Confirmation shout(JsonNode payload) {
		if (!payload.isObject()) {
			checkWellFormed("shout", 1);
			return null;
		}
		ShoutEvent shout = ShoutPayloads.toEvent(this.room, payload, this.clock.instant());
		EventId id = emit(EventType.SHOUT, shout);
		this.recentShouts.add(id, shout);
		return this.pendingShouts.take(shout.name(), shout.body(), id);
	}

	/**
	 * Counts a payload from which parts were dropped as malformed, and logs the first one
	 * of each upstream connection at WARN.
	 */
	private void checkWellFormed(String event, int malformedParts) {
		if (malformedParts == 0) {
			return;
		}
		this.metrics.malformedPayload();
		PhoenixChannel channel = this.status.channel();
		String connection = (channel != null) ? channel.connectionId() : "-";
		if (!this.malformedLogged) {
			this.malformedLogged = true;
			logger.warn(
					"[{} {}] dropped {} malformed part(s) of a {} payload from Hub; "
							+ "further ones on this connection are logged at DEBUG",
					this.room, connection, malformedParts, event);
		}
		else {
			logger.debug("[{} {}] dropped {} malformed part(s) of a {} payload", this.room, connection, malformedParts,
					event);
		}
	}

	// ---- events

	private EventId emit(EventType type, Object data) {
		EventId id = new EventId(this.epoch, ++this.seq);
		RoomEvent event = new RoomEvent(id, type, this.clock.instant(), this.frames.event(id, type, data));
		this.replay.add(event);
		// handed over once the lock is let go (handOver)
		this.fanOut.event(event, this.messageArrived);
		return id;
	}

	/**
	 * Hands the events appended under the lock over to the subscribers; never under the
	 * lock.
	 * @param mayWait whether to wait while too many events wait for another thread's
	 * hand-over: for the upstream's messages only
	 */
	private void handOver(boolean mayWait) {
		assert !Thread.holdsLock(this) : "hand-over under the room's lock";
		this.fanOut.handOver(mayWait);
	}

	private void emitSnapshot() {
		EventId id = new EventId(this.epoch, this.seq + 1);
		emit(EventType.PRESENCE, snapshotAt(id));
	}

	private EventId currentId() {
		return new EventId(this.epoch, this.seq);
	}

	private synchronized PresenceSnapshot snapshot() {
		return snapshotAt(currentId());
	}

	private PresenceSnapshot snapshotAt(EventId id) {
		return new PresenceSnapshot(this.room, this.presence.users(), this.presence.count(),
				this.status.state().wireName(), this.presenceAsOf, id.toString());
	}

	/**
	 * The snapshot that starts a new stream, serialized once per event sequence number.
	 */
	private RoomEvent snapshotEvent() {
		EventId id = currentId();
		RoomEvent snapshot = this.cachedSnapshot;
		if (this.cachedSnapshotSeq != this.seq || snapshot == null) {
			byte[] sse = this.frames.event(id, EventType.PRESENCE, snapshotAt(id));
			snapshot = new RoomEvent(id, EventType.PRESENCE, this.clock.instant(), sse);
			this.cachedSnapshot = snapshot;
			this.cachedSnapshotSeq = this.seq;
		}
		return snapshot;
	}

	// ---- lifecycle

	/**
	 * Ends every stream with a final event, written after a {@code retry:} hint, and
	 * gives the same event and end to any stream that starts later. The upstream stays
	 * joined, so that requests in flight still get their answer; {@link #close()}
	 * follows.
	 */
	void endStreams(EventType type, Object data, Duration retry) {
		synchronized (this) {
			if (this.closed || this.finalEvent != null) {
				return;
			}
			EventId id = new EventId(this.epoch, ++this.seq);
			byte[] retryHint = SseFrames.retry(retry.toMillis());
			byte[] event = this.frames.event(id, type, data);
			byte[] sse = Arrays.copyOf(retryHint, retryHint.length + event.length);
			System.arraycopy(event, 0, sse, retryHint.length, event.length);
			this.finalEvent = new RoomEvent(id, type, this.clock.instant(), sse);
			// after the events that wait for their hand-over
			this.fanOut.end(this.finalEvent);
		}
		handOver(false);
	}

	/** Closes the session if it has no subscriber; the caller then stops the upstream. */
	boolean closeIfIdle() {
		synchronized (this) {
			if (!this.fanOut.isEmpty() || this.closed) {
				return false;
			}
			markClosed();
		}
		handOver(false);
		return true;
	}

	/** Marks the session closed and ends every stream; the caller stops the upstream. */
	void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			markClosed();
		}
		handOver(false);
	}

	private void markClosed() {
		this.closed = true;
		// the streams end after the events that wait for their hand-over
		this.fanOut.close();
		this.statusSink.tryEmitComplete();
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

	Duration gracePeriod() {
		return this.settings.gracePeriod();
	}

	/**
	 * Thrown when a request reaches a session that was closed meanwhile; the registry
	 * retries.
	 */
	static final class RoomClosedException extends RuntimeException {

		RoomClosedException(String room) {
			super("room session closed: " + room, null, false, false);
		}

	}

	/**
	 * Thrown when a subscriber would be one more than the room may have; the registry
	 * refuses streams before this, so it only happens when others took the last places
	 * meanwhile.
	 */
	static final class RoomFullException extends RuntimeException {

		RoomFullException(String room) {
			super("room full: " + room, null, false, false);
		}

	}

}
