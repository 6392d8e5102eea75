package io.hubbridge.api;

import java.time.Duration;
import java.util.function.Supplier;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.limits.ConcurrencyLimiter;
import io.hubbridge.limits.Limit;
import io.hubbridge.limits.RejectedRequests;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * At most {@code bridge.limits.max-streams-per-client} streams per client: one more is
 * refused with {@code 429} before it starts. A stream counts from when its request is
 * handled until it ends, however it ends (the client goes away, it falls behind, the room
 * or the bridge closes), because the count is held and given back by the stream's own
 * subscription.
 */
@Component
class StreamsPerClient {

	static final String OPEN_STREAMS = "hub.bridge.streams.open";

	private final ConcurrencyLimiter streams;

	private final RejectedRequests rejections;

	private final int max;

	private final Duration retryAfter;

	StreamsPerClient(BridgeProperties properties, RejectedRequests rejections, MeterRegistry meterRegistry) {
		BridgeProperties.Limits limits = properties.limits();
		this.max = limits.maxStreamsPerClient();
		this.streams = new ConcurrencyLimiter(this.max);
		this.rejections = rejections;
		this.retryAfter = limits.retryAfter();
		Gauge.builder(OPEN_STREAMS, this.streams, ConcurrencyLimiter::total)
			.description("Event streams open on this bridge")
			.register(meterRegistry);
	}

	/**
	 * The stream, counted for its client while it is subscribed.
	 * @param stream writes the stream; called only once the client may have one more
	 */
	Mono<Void> limit(ServerWebExchange exchange, Supplier<Mono<Void>> stream) {
		return Clients.of(exchange)
			.flatMap((client) -> Mono.using(() -> acquire(client), (permit) -> stream.get(),
					ConcurrencyLimiter.Permit::release));
	}

	/**
	 * One more stream for the client, refused with {@code 429} when it has as many as it
	 * may.
	 * @param client the client's key, as {@link Clients} makes it
	 * @return what gives the stream back when it ends
	 */
	ConcurrencyLimiter.Permit acquire(String client) {
		ConcurrencyLimiter.Permit permit = this.streams.tryAcquire(client);
		if (permit == null) {
			throw this.rejections.refuse(Limit.TOO_MANY_STREAMS,
					"This client has as many streams open as it may (" + this.max + "); close one first",
					this.retryAfter);
		}
		return permit;
	}

	/** How many streams are open, all clients together. */
	int open() {
		return this.streams.total();
	}

}
