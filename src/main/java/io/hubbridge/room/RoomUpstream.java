package io.hubbridge.room;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import io.hubbridge.phoenix.Backoff;
import io.hubbridge.phoenix.Disconnect;
import io.hubbridge.phoenix.JoinSpec;
import io.hubbridge.phoenix.PhoenixChannel;
import io.hubbridge.phoenix.PhoenixClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps one room's upstream session joined: connects and joins, and after every loss or
 * failed attempt tries again on the Phoenix JS client's schedules (reconnect after a
 * socket loss or failed connect, rejoin after a channel error, refused or timed-out
 * join), until stopped. What it does is told to the session as it happens: a loss at once
 * as {@code reconnecting} with the attempt to come, a failed attempt as {@code failed},
 * the next attempt as {@code reconnecting}, a join as {@code joined}.
 */
final class RoomUpstream {

	private static final Logger logger = LoggerFactory.getLogger(RoomUpstream.class);

	private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(2);

	/** Failures in a row beyond the first are logged at WARN only this often. */
	private static final int WARN_EVERY = 10;

	private final RoomSession session;

	private final PhoenixClient client;

	private final JoinSpec joinSpec;

	private final Scheduler scheduler;

	private final RandomGenerator jitter;

	private final RoomMetrics metrics;

	/** Attempts since the last join, as reported in {@code upstream} events. */
	private int attempt;

	/** Retries since the last join, which pick the backoff delay. */
	private int retries;

	private @Nullable Disposable pending;

	private @Nullable PhoenixChannel channel;

	private boolean stopped;

	RoomUpstream(RoomSession session, PhoenixClient client, JoinSpec joinSpec, Scheduler scheduler,
			RandomGenerator jitter, RoomMetrics metrics) {
		this.session = session;
		this.client = client;
		this.joinSpec = joinSpec;
		this.scheduler = scheduler;
		this.jitter = jitter;
		this.metrics = metrics;
	}

	synchronized void start() {
		connect(UpstreamState.CONNECTING, null);
	}

	private synchronized void connect(UpstreamState state, @Nullable String reason) {
		if (this.stopped) {
			return;
		}
		this.attempt++;
		this.session.upstreamConnecting(state, this.attempt, reason);
		this.pending = this.client.join(this.joinSpec, this.session::upstreamMessage)
			.subscribe(this::joined, this::attemptFailed);
	}

	private synchronized void joined(PhoenixChannel channel) {
		if (this.stopped) {
			channel.close();
			return;
		}
		logger.atInfo()
			.addKeyValue("room", this.session.room())
			.log("[{}] joined {} on {} (attempt {})", this.session.room(), this.joinSpec.topic(),
					channel.connectionId(), this.attempt);
		this.channel = channel;
		this.attempt = 0;
		this.retries = 0;
		this.metrics.connectionJoined(channel);
		this.session.upstreamJoined(channel);
		this.pending = channel.disconnected().subscribe((disconnect) -> lost(channel, disconnect));
	}

	private synchronized void lost(PhoenixChannel channel, Disconnect disconnect) {
		this.metrics.connectionEnded(channel);
		if (this.stopped || this.channel != channel) {
			return;
		}
		this.channel = null;
		UpstreamFailure failure = UpstreamFailure.of(disconnect, this.joinSpec.heartbeatInterval());
		logger.atWarn()
			.addKeyValue("room", this.session.room())
			.log("[{}] upstream {} lost: {}; reconnecting", this.session.room(), channel.connectionId(),
					failure.reason());
		this.metrics.failed(failure.cause());
		retry(failure);
		// said at once, before the backoff: subscribers learn of the loss when it happens
		// (the next attempt, which takes this lock, cannot start before)
		this.session.upstreamConnecting(UpstreamState.RECONNECTING, this.attempt + 1, failure.reason());
	}

	private synchronized void attemptFailed(Throwable error) {
		if (this.stopped) {
			return;
		}
		UpstreamFailure failure = UpstreamFailure.of(error);
		if (this.attempt == 1 || this.attempt % WARN_EVERY == 0) {
			logger.atWarn()
				.addKeyValue("room", this.session.room())
				.log("[{}] upstream attempt {} failed ({}): {}", this.session.room(), this.attempt,
						failure.cause().tag(), failure.reason());
		}
		else {
			logger.atInfo()
				.addKeyValue("room", this.session.room())
				.log("[{}] upstream attempt {} failed ({}): {}", this.session.room(), this.attempt,
						failure.cause().tag(), failure.reason());
		}
		this.metrics.failed(failure.cause());
		retry(failure);
		this.session.upstreamFailed(this.attempt, failure.reason());
	}

	private void retry(UpstreamFailure failure) {
		this.retries++;
		Backoff backoff = failure.channelLevel() ? Backoff.REJOIN : Backoff.RECONNECT;
		Duration delay = backoff.delay(this.retries, this.jitter);
		logger.atDebug()
			.addKeyValue("room", this.session.room())
			.log("[{}] next upstream attempt in {} ms", this.session.room(), delay.toMillis());
		try {
			this.pending = this.scheduler.schedule(() -> connect(UpstreamState.RECONNECTING, failure.reason()),
					delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the scheduler is shutting down with the application
			logger.atDebug()
				.addKeyValue("room", this.session.room())
				.log("[{}] no further upstream attempt: {}", this.session.room(), ex.toString());
		}
	}

	/**
	 * Stops retrying and leaves the channel ({@code phx_leave}, then the socket is
	 * closed).
	 * @return completes once the channel has left and its socket is closed (bounded by
	 * the leave timeout); never fails
	 */
	synchronized Mono<Void> stop() {
		this.stopped = true;
		if (this.pending != null) {
			this.pending.dispose();
		}
		PhoenixChannel current = this.channel;
		this.channel = null;
		if (current == null) {
			return Mono.empty();
		}
		Mono<Void> left = current.leave(LEAVE_TIMEOUT)
			.doOnError((ex) -> logger.atDebug()
				.addKeyValue("room", this.session.room())
				.log("[{}] leave failed: {}", this.session.room(), ex.toString()))
			.onErrorComplete();
		// leaving starts now, whether or not the caller waits; waiting joins the same
		// leave
		left.subscribe();
		return left;
	}

}
