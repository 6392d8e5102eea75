package io.hubbridge.soak;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Whether subscribers keep disconnecting and resuming; stopping ends every session. */
final class Churn {

	private final Sinks.Empty<Void> stopped = Sinks.empty();

	private volatile boolean on = true;

	boolean on() {
		return this.on;
	}

	/** Completes when the churn stops. */
	Mono<Void> stopped() {
		return this.stopped.asMono();
	}

	void stop() {
		this.on = false;
		this.stopped.tryEmitEmpty();
	}

}
