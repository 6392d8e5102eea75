package io.hubbridge.api;

import java.time.Duration;
import java.util.Locale;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.limits.Limit;
import io.hubbridge.limits.RateLimiter;
import io.hubbridge.limits.RejectedRequests;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * A token bucket per client for posting shouts ({@code bridge.limits.shouts.*}): a client
 * that has used up its bucket is refused with {@code 429} and a {@code Retry-After} of
 * the time until its next token, in whole seconds rounded up. Each client has its own
 * bucket, so one client's flood never limits another.
 */
@Component
class ShoutRateLimit {

	static final String CLIENTS = "hub.bridge.shouts.rate.clients";

	private final RateLimiter limiter;

	private final RejectedRequests rejections;

	private final String refusal;

	ShoutRateLimit(BridgeProperties properties, RejectedRequests rejections, MeterRegistry meterRegistry) {
		BridgeProperties.Limits.ShoutRate shouts = properties.limits().shouts();
		this.limiter = new RateLimiter(shouts.rate(), shouts.burst(), shouts.clients(), System::nanoTime);
		this.rejections = rejections;
		this.refusal = String.format(Locale.ROOT, "This client may post %s shouts per second, %d at once",
				rate(shouts.rate()), shouts.burst());
		Gauge.builder(CLIENTS, this.limiter, RateLimiter::clients)
			.description("Clients whose shout rate is tracked (bounded by bridge.limits.shouts.clients)")
			.register(meterRegistry);
	}

	/**
	 * Completes when the client may post a shout now; fails with 429 otherwise.
	 * @param client the client's key ({@link Clients})
	 */
	Mono<Void> acquire(Mono<String> client) {
		return client.flatMap((key) -> {
			Duration wait = this.limiter.tryAcquire(key);
			if (wait.isZero()) {
				return Mono.empty();
			}
			return Mono
				.error(this.rejections.refuse(Limit.RATE_LIMITED, this.refusal + "; wait before posting again", wait));
		});
	}

	private static String rate(double rate) {
		return (rate == Math.rint(rate)) ? Long.toString((long) rate) : Double.toString(rate);
	}

}
