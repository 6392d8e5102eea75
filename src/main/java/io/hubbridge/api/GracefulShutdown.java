package io.hubbridge.api;

import java.time.Duration;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drains the bridge when the application closes (SIGTERM), within
 * {@code bridge.shutdown.timeout}: readiness refuses traffic, so that load balancers stop
 * sending; new streams and rooms are refused with {@code 503}; every stream ends with a
 * {@code shutdown} event; requests in flight finish (those that outstay the timeout are
 * cut); then each room leaves Hub ({@code phx_leave}, socket closed). Runs before the web
 * server's own graceful shutdown, which then finds nothing left to wait for, and never
 * blocks a thread.
 */
@Component
class GracefulShutdown implements SmartLifecycle {

	/**
	 * After every lifecycle of the default phase, before the web server's graceful
	 * shutdown (which stops accepting connections and stops it).
	 */
	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;

	private static final Logger logger = LoggerFactory.getLogger(GracefulShutdown.class);

	/** At most this long of the timeout is kept for leaving Hub. */
	private static final Duration MAX_LEAVE_BUDGET = Duration.ofSeconds(2);

	private final RoomRegistry rooms;

	private final InFlightRequests inFlight;

	private final ApplicationEventPublisher events;

	private final Duration timeout;

	private final Duration retryAfter;

	private volatile boolean running;

	GracefulShutdown(RoomRegistry rooms, InFlightRequests inFlight, ApplicationEventPublisher events,
			BridgeProperties properties) {
		this.rooms = rooms;
		this.inFlight = inFlight;
		this.events = events;
		this.timeout = properties.shutdown().timeout();
		this.retryAfter = properties.shutdown().retryAfter();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		long started = System.nanoTime();
		// a quarter of the time for leaving Hub, and a tenth kept so that the phase
		// ends before the lifecycle timeout (spring.lifecycle.timeout-per-shutdown-phase)
		Duration leaveBudget = min(this.timeout.dividedBy(4), MAX_LEAVE_BUDGET);
		Duration drainBudget = this.timeout.minus(leaveBudget).minus(this.timeout.dividedBy(10));
		logger.info("Shutting down within {}: refusing traffic, ending streams, {} API requests in flight",
				this.timeout, this.inFlight.count());
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		this.rooms.shutdown(this.retryAfter);
		Mono<Void> requestsFinished = this.inFlight.idle()
			.timeout(drainBudget, Mono.fromRunnable(() -> logger.warn("Cut {} requests still in flight after {}",
					this.inFlight.cutAll(), drainBudget)));
		Mono<Void> upstreamsLeft = Mono.defer(this.rooms::closeAll)
			.timeout(leaveBudget,
					Mono.fromRunnable(() -> logger.warn("Rooms did not all leave Hub in {}", leaveBudget)));
		requestsFinished.then(upstreamsLeft).doFinally((signal) -> {
			logger.info("Shut down in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
			callback.run();
		}).subscribe(null, (ex) -> logger.error("Shutdown failed", ex));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** A shutdown cannot be undone: only the close of the context stops this. */
	@Override
	public boolean isPauseable() {
		return false;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
