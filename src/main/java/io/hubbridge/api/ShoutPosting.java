package io.hubbridge.api;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.ShoutResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Posts a checked shout into its room, once per idempotency key and within the client's
 * rate: what {@code POST /api/rooms/{room}/shouts} does, whether {@link ShoutsController}
 * or {@link ShoutPostRoute} received it.
 */
@Component
class ShoutPosting {

	static final String POSTED = "hub.bridge.shouts.posted";

	private final RoomRegistry rooms;

	private final ShoutRateLimit rateLimit;

	private final IdempotentRequests<PostedShout> idempotentPosts;

	private final MeterRegistry meterRegistry;

	/** By outcome, registered once rather than looked up per post. */
	private final Map<String, Timer> timers = new HashMap<>();

	ShoutPosting(RoomRegistry rooms, ShoutRateLimit rateLimit, BridgeProperties properties,
			MeterRegistry meterRegistry) {
		this.rooms = rooms;
		this.rateLimit = rateLimit;
		this.meterRegistry = meterRegistry;
		for (String outcome : List.of("confirmed", "sent", "replayed", "refused")) {
			this.timers.put(outcome, Timer.builder(POSTED)
				.description("Shouts posted over REST, by outcome: confirmed (201), sent (202), replayed, refused")
				.tag("outcome", outcome)
				.register(meterRegistry));
		}
		BridgeProperties.Shouts shouts = properties.shouts();
		this.idempotentPosts = new IdempotentRequests<>(shouts.idempotencyKeys(), shouts.idempotencyTtl(),
				Clock.systemUTC());
	}

	/**
	 * The answer to a post: {@code 201} once Hub broadcast the shout, {@code 202} when it
	 * was sent but its broadcast did not come back in time; fails with the problem of a
	 * refusal.
	 * @param client the client's key, for its rate limit ({@link Clients})
	 */
	Mono<PostedShout> post(String room, @Nullable String idempotencyKey, ShoutRequest shout, Mono<String> client) {
		// a replayed answer sends nothing, so only a shout that is really posted takes
		// one of the client's tokens
		Mono<PostedShout> posted = this.rateLimit.acquire(client)
			.then(Mono.defer(() -> this.rooms.open(room).shout(shout.name(), shout.body())))
			.map((result) -> answer(room, result));
		Mono<PostedShout> answered = posted;
		if (idempotencyKey != null) {
			String fingerprint = IdempotencyKeys.fingerprint(shout.name(), shout.body());
			answered = this.idempotentPosts.execute(room, idempotencyKey, fingerprint, () -> posted)
				.map((outcome) -> outcome.replayed() ? outcome.value().asReplayed() : outcome.value());
		}
		return timed(answered);
	}

	/** Counted by outcome, as Spring's request metrics would count the request. */
	private Mono<PostedShout> timed(Mono<PostedShout> answered) {
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(this.meterRegistry);
			return answered.doOnNext((shout) -> sample.stop(this.timers.get(shout.outcome())))
				.doOnError((ex) -> sample.stop(this.timers.get("refused")));
		});
	}

	private static PostedShout answer(String room, ShoutResult result) {
		if (result.confirmed()) {
			return new PostedShout(HttpStatus.CREATED, new ShoutReceipt(room, "confirmed", result.id().toString()),
					false);
		}
		return new PostedShout(HttpStatus.ACCEPTED, new ShoutReceipt(room, "sent", null), false);
	}

	/**
	 * A post's answer.
	 *
	 * @param replayed whether this is the answer first given to an earlier request with
	 * the same {@code Idempotency-Key}
	 */
	record PostedShout(HttpStatus status, ShoutReceipt receipt, boolean replayed) {

		PostedShout asReplayed() {
			return new PostedShout(this.status, this.receipt, true);
		}

		String outcome() {
			return this.replayed ? "replayed" : this.receipt.status();
		}

	}

}
