package io.hubbridge.room;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import io.hubbridge.phoenix.Backoff;
import io.hubbridge.phoenix.Disconnect;
import io.hubbridge.phoenix.JoinRefusedException;
import io.hubbridge.phoenix.JoinSpec;
import io.hubbridge.phoenix.JoinTimeoutException;
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
 * socket loss, rejoin after a channel error or refused join), until stopped.
 */
final class RoomUpstream {

	private static final Logger logger = LoggerFactory.getLogger(RoomUpstream.class);

	private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(2);

	private final RoomSession session;

	private final PhoenixClient client;

	private final JoinSpec joinSpec;

	private final Scheduler scheduler;

	private final RandomGenerator jitter;

	/** Attempts since the last join, as reported in {@code upstream} events. */
	private int attempt;

	/** Retries since the last join, which pick the backoff delay. */
	private int retries;

	private @Nullable Disposable pending;

	private @Nullable PhoenixChannel channel;

	private boolean stopped;

	RoomUpstream(RoomSession session, PhoenixClient client, JoinSpec joinSpec, Scheduler scheduler,
			RandomGenerator jitter) {
		this.session = session;
		this.client = client;
		this.joinSpec = joinSpec;
		this.scheduler = scheduler;
		this.jitter = jitter;
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
		logger.info("[{}] joined {} on {}", this.session.room(), this.joinSpec.topic(), channel.connectionId());
		this.channel = channel;
		this.attempt = 0;
		this.retries = 0;
		this.session.upstreamJoined(channel);
		this.pending = channel.disconnected().subscribe((disconnect) -> lost(channel, disconnect));
	}

	private synchronized void lost(PhoenixChannel channel, Disconnect disconnect) {
		if (this.stopped || this.channel != channel) {
			return;
		}
		this.channel = null;
		logger.info("[{}] upstream {} lost: {}", this.session.room(), channel.connectionId(), disconnect);
		retry(disconnect.channelLevel() ? Backoff.REJOIN : Backoff.RECONNECT, disconnect.reason());
	}

	private synchronized void attemptFailed(Throwable error) {
		if (this.stopped) {
			return;
		}
		String reason = (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName();
		logger.warn("[{}] upstream attempt {} failed: {}", this.session.room(), this.attempt, reason);
		this.session.upstreamFailed(this.attempt, reason);
		boolean channelLevel = error instanceof JoinRefusedException || error instanceof JoinTimeoutException;
		retry(channelLevel ? Backoff.REJOIN : Backoff.RECONNECT, reason);
	}

	private void retry(Backoff backoff, String reason) {
		this.retries++;
		Duration delay = backoff.delay(this.retries, this.jitter);
		this.pending = this.scheduler.schedule(() -> connect(UpstreamState.RECONNECTING, reason), delay.toMillis(),
				TimeUnit.MILLISECONDS);
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
			.doOnError((ex) -> logger.debug("[{}] leave failed: {}", this.session.room(), ex.toString()))
			.onErrorComplete();
		// leaving starts now, whether or not the caller waits; waiting joins the same
		// leave
		left.subscribe();
		return left;
	}

}
