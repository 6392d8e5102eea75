package io.hubbridge.limits;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Refuses requests and counts them in {@value #METER}, tagged with the limit's
 * {@code reason}. Every reason is registered up front, so that each shows 0 until the
 * first refusal. Any number of instances on one registry share the same counters.
 */
public final class RejectedRequests {

	public static final String METER = "hub.bridge.requests.rejected";

	private final Map<Limit, Counter> counters = new EnumMap<>(Limit.class);

	public RejectedRequests(MeterRegistry registry) {
		for (Limit limit : Limit.values()) {
			this.counters.put(limit,
					Counter.builder(METER)
						.description("Requests refused by a limit, by reason")
						.tag("reason", limit.reason())
						.register(registry));
		}
	}

	/**
	 * Counts a refusal by the limit.
	 * @param detail what the client is told, without anything secret
	 * @param retryAfter how long the client should wait before it tries again
	 * @return the exception that answers the request
	 */
	public LimitExceededException refuse(Limit limit, String detail, Duration retryAfter) {
		counted(limit);
		return new LimitExceededException(limit, detail, retryAfter);
	}

	/** Counts a refusal that is told to the client in another way (in-band). */
	public void counted(Limit limit) {
		this.counters.get(limit).increment();
	}

	/** The refusals by the limit so far. */
	public double count(Limit limit) {
		return this.counters.get(limit).count();
	}

}
