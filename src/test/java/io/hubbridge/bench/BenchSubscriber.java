package io.hubbridge.bench;

import java.net.URI;
import java.util.BitSet;
import java.util.function.BiFunction;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One subscriber of a run: an SSE stream of the bridge, connected once it shows a
 * {@code presence} with the upstream joined, or (the websocket baseline) a Phoenix user
 * straight on Hub, connected once its join is answered {@code ok}; then checks each
 * shout's sequence ({@link SequenceChecker}) and records its latency. Events arrive on
 * the connection's event loop, one at a time.
 */
final class BenchSubscriber implements SseResponseDecoder.Events {

	/** The ref of a websocket subscriber's join. */
	static final String JOIN_REF = "join";

	private static final String JOINED = "\"upstream\":\"joined\"";

	private final BiFunction<BenchStreams, BenchSubscriber, Mono<Void>> connection;

	private final int room;

	private final int shouts;

	private final Deliveries deliveries;

	private final SequenceChecker checker = new SequenceChecker();

	private final Sinks.One<Void> connected = Sinks.one();

	private Deliveries.PerThread recorder;

	private long openedAtNanos;

	private long upstreamChanges;

	private long otherShouts;

	/** When the read being decoded arrived; only on the event loop. */
	private long readAtNanos;

	/** Events decoded so far; only on the event loop, published by {@link #events}. */
	private long decoded;

	/**
	 * Written last by the event loop after each chunk: reading it first sees the rest.
	 */
	private volatile long events;

	private volatile long connectedAtNanos;

	private volatile boolean failed;

	private volatile boolean ended;

	private Disposable stream;

	/** An SSE subscriber of the bridge's stream at {@code url}. */
	BenchSubscriber(String url, int room, int shouts, Deliveries deliveries) {
		this((streams, subscriber) -> streams.stream(url, subscriber), room, shouts, deliveries);
	}

	private BenchSubscriber(BiFunction<BenchStreams, BenchSubscriber, Mono<Void>> connection, int room, int shouts,
			Deliveries deliveries) {
		this.connection = connection;
		this.room = room;
		this.shouts = shouts;
		this.deliveries = deliveries;
	}

	/**
	 * A websocket user joined to {@code room:ROOM} straight on Hub as {@code username}:
	 * the baseline the bridge's streams are compared with.
	 */
	static BenchSubscriber hubUser(URI socketUrl, String roomName, String username, int room, int shouts,
			Deliveries deliveries) {
		return new BenchSubscriber((streams, subscriber) -> streams.hubUser(socketUrl, roomName, username, subscriber),
				room, shouts, deliveries);
	}

	/** Opens the stream; completes once connected, or once the stream failed. */
	Mono<Void> open(BenchStreams streams) {
		return Mono.defer(() -> {
			this.openedAtNanos = BenchClock.now();
			this.stream = this.connection.apply(streams, this)
				.subscribe(null, (ex) -> finished(true), () -> finished(false));
			return this.connected.asMono();
		});
	}

	/**
	 * One read of the stream (SSE subscribers): its events all arrived at
	 * {@code nowNanos}.
	 */
	void receive(SseResponseDecoder stream, ByteBuf read, long nowNanos) {
		this.readAtNanos = nowNanos;
		stream.feed(read);
		this.events = this.decoded;
	}

	@Override
	public void event(SseResponseDecoder.Type type, byte[] data, int length) {
		this.decoded++;
		switch (type) {
			case SHOUT -> {
				// the bytes seen as characters, not decoded: the body is digits
				AsciiString text = new AsciiString(data, 0, length, false);
				shout(ShoutBody.sequence(text), ShoutBody.sentNanos(text), this.readAtNanos);
			}
			case PRESENCE -> {
				if (this.connectedAtNanos == 0
						&& ShoutBody.indexOf(new AsciiString(data, 0, length, false), JOINED, 0) >= 0) {
					this.connectedAtNanos = this.readAtNanos;
					this.connected.tryEmitEmpty();
				}
			}
			case UPSTREAM -> {
				if (this.connectedAtNanos != 0) {
					this.upstreamChanges++;
				}
			}
			case OTHER -> {
				// join and leave of the publishers; typing
			}
		}
	}

	/** One Phoenix V1 frame from Hub (websocket subscribers). */
	void receiveFrame(String frame, long nowNanos) {
		String event = HubFrames.event(frame);
		switch (event) {
			case "shout" -> shout(ShoutBody.sequence(frame), ShoutBody.sentNanos(frame), nowNanos);
			case "phx_reply" -> {
				Boolean ok = HubFrames.replyOk(frame, JOIN_REF);
				if (ok != null && this.connectedAtNanos == 0) {
					if (ok) {
						this.connectedAtNanos = nowNanos;
						this.connected.tryEmitEmpty();
					}
					else {
						finished(true);
					}
				}
			}
			case "phx_error", "phx_close" -> {
				// the channel is gone: like an upstream lost
				if (this.connectedAtNanos != 0) {
					this.upstreamChanges++;
				}
			}
			default -> {
				// presence_state and presence_diff of every user joining
			}
		}
		this.events = this.events + 1;
	}

	/** Events (SSE) or frames (websocket) received so far. */
	long events() {
		return this.events;
	}

	private void shout(long sequence, long sent, long nowNanos) {
		if (sequence == ShoutBody.NONE || sent == ShoutBody.NONE) {
			this.otherShouts++;
			return;
		}
		if (this.checker.accept(sequence, this.shouts)) {
			if (this.recorder == null) {
				this.recorder = this.deliveries.forThisThread();
			}
			this.recorder.record(sent, nowNanos);
		}
	}

	private void finished(boolean failed) {
		this.failed = failed;
		this.ended = !failed;
		this.connected.tryEmitEmpty();
	}

	void close() {
		if (this.stream != null) {
			this.stream.dispose();
		}
	}

	int room() {
		return this.room;
	}

	boolean isConnected() {
		return this.connectedAtNanos != 0;
	}

	/** From the request to the first joined presence, in ns; -1 if not connected. */
	long connectNanos() {
		long at = this.connectedAtNanos;
		return (at != 0) ? at - this.openedAtNanos : -1;
	}

	long connectedAtNanos() {
		return this.connectedAtNanos;
	}

	/** The stream failed (an error, not the bridge ending it). */
	boolean failed() {
		return this.failed;
	}

	/** The bridge ended the stream. */
	boolean ended() {
		return this.ended;
	}

	/**
	 * What this subscriber saw of the {@code sent} shouts of its room; call once the
	 * stream is closed.
	 */
	SubscriberCounts counts(int sent, BitSet refused) {
		// the volatile read makes the event loop's plain writes before it visible here
		long events = this.events;
		return new SubscriberCounts(events, this.checker.received(), this.checker.lost(sent, refused),
				this.checker.duplicates(), this.checker.orderViolations(), this.checker.unexpected() + this.otherShouts,
				this.upstreamChanges, this.checker.orderHash());
	}

	/**
	 * One subscriber's counts.
	 *
	 * @param events every event received
	 * @param received distinct benchmark shouts received
	 * @param lost shouts sent and not refused that never arrived
	 * @param duplicates shouts received again
	 * @param orderViolations shouts received after a later one
	 * @param unexpected shouts that were not the run's (another sequence, another body)
	 * @param upstreamChanges {@code upstream} events after connecting (the upstream was
	 * lost)
	 * @param orderHash the order in which shouts arrived
	 * ({@link SequenceChecker#orderHash()})
	 */
	record SubscriberCounts(long events, long received, long lost, long duplicates, long orderViolations,
			long unexpected, long upstreamChanges, long orderHash) {

	}

}
