package io.hubbridge.soak;

import java.time.Duration;
import java.util.Random;

import io.hubbridge.support.SseEvent;
import io.hubbridge.support.SseStreams;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One subscriber of a soak run: reads for a while, disconnects, pauses, resumes with the
 * id of the last event it processed, again and again; at the end it reads until the
 * room's last event. Every event id is checked against the one before: within a room
 * session ids grow by exactly one, so a gap is a loss, a repeat a duplicate and a step
 * back an order violation; a {@code reset} declares a gap and restarts the count.
 */
final class SoakSubscriber {

	private static final Duration CATCH_UP = Duration.ofSeconds(60);

	private final String url;

	private final RoomTally room;

	private final SoakCounts counts;

	private final SoakSettings settings;

	private final Random random;

	private @Nullable String lastId;

	private @Nullable String epoch;

	private volatile long seq;

	private volatile boolean expectingSnapshot = true;

	/** Whether the bridge ended the last stream. */
	private volatile boolean ended;

	SoakSubscriber(String url, RoomTally room, SoakCounts counts, SoakSettings settings, long seed) {
		this.url = url;
		this.room = room;
		this.counts = counts;
		this.settings = settings;
		this.random = new Random(seed);
	}

	/** Sessions with pauses between them while the churn is on, then a last catch-up. */
	Mono<Void> run(SseStreams streams, Churn churn) {
		Mono<Void> pause = Mono.defer(() -> Mono.delay(randomBetween(Duration.ZERO, this.settings.maxPause())))
			.then()
			.takeUntilOther(churn.stopped());
		Mono<Void> sessionThenPause = Mono.defer(() -> session(streams, churn)).then(pause);
		return sessionThenPause.repeat(churn::on).then(Mono.defer(() -> catchUp(streams)));
	}

	private Mono<Void> session(SseStreams streams, Churn churn) {
		return open(streams).take(randomBetween(this.settings.minSession(), this.settings.maxSession()))
			.takeUntilOther(churn.stopped())
			.doOnComplete(this::disconnected)
			.then();
	}

	private Mono<Void> catchUp(SseStreams streams) {
		if (caughtUp()) {
			return Mono.empty();
		}
		return open(streams).takeUntil((event) -> caughtUp()).then().timeout(CATCH_UP).onErrorResume((ex) -> {
			this.counts.notCaughtUp.increment();
			return Mono.empty();
		}).then(Mono.fromRunnable(() -> {
			if (!caughtUp()) {
				this.counts.notCaughtUp.increment();
			}
		}));
	}

	private Flux<SseEvent> open(SseStreams streams) {
		return Flux.defer(() -> {
			this.counts.connections.increment();
			if (this.lastId != null) {
				this.counts.resumes.increment();
			}
			this.ended = false;
			return streams.events(this.url, this.lastId)
				.doOnNext(this::accept)
				.doOnComplete(() -> this.ended = true)
				.onErrorResume((ex) -> {
					this.counts.streamErrors.increment();
					return Flux.empty();
				});
		});
	}

	private void disconnected() {
		if (this.ended) {
			this.counts.endedByBridge.increment();
		}
	}

	private boolean caughtUp() {
		return !this.expectingSnapshot && this.seq >= this.room.lastSeq();
	}

	/** Checks one event against the one before; runs on one thread at a time. */
	void accept(SseEvent event) {
		String id = event.id();
		int dash = (id != null) ? id.lastIndexOf('-') : -1;
		if (dash < 0) {
			this.counts.badStarts.increment();
			return;
		}
		String eventEpoch = id.substring(0, dash);
		long eventSeq = Long.parseLong(id.substring(dash + 1));
		this.lastId = id;
		if (event.event().equals("reset")) {
			this.counts.resets.increment();
			if (eventEpoch.equals(this.epoch) && eventSeq > this.seq) {
				this.counts.declaredLost.add(eventSeq - this.seq);
			}
			this.expectingSnapshot = true;
			return;
		}
		if (this.expectingSnapshot) {
			if (!event.event().equals("presence")) {
				this.counts.badStarts.increment();
			}
			this.expectingSnapshot = false;
			this.epoch = eventEpoch;
			this.seq = eventSeq;
			return;
		}
		if (!eventEpoch.equals(this.epoch)) {
			this.counts.foreignEpochs.increment();
			this.epoch = eventEpoch;
			this.seq = eventSeq;
			return;
		}
		if (eventSeq == this.seq + 1) {
			this.counts.delivered.increment();
		}
		else if (eventSeq > this.seq + 1) {
			this.counts.lost.add(eventSeq - this.seq - 1);
			this.counts.delivered.increment();
		}
		else if (eventSeq == this.seq) {
			this.counts.duplicates.increment();
			return;
		}
		else {
			this.counts.orderViolations.increment();
			return;
		}
		this.seq = eventSeq;
		switch (event.event()) {
			case "shout" -> this.room.seen(shoutNumber(event.data()));
			case "upstream" -> this.counts.upstreamEvents.increment();
			default -> {
				// presence, join, leave, typing: checked by id only
			}
		}
	}

	private Duration randomBetween(Duration min, Duration max) {
		long span = max.toMillis() - min.toMillis();
		return min.plusMillis((span > 0) ? this.random.nextLong(span + 1) : 0);
	}

	/** The number a {@link SoakShouter} put in the body, {@code "s<number>"}. */
	static int shoutNumber(String data) {
		int start = data.indexOf("\"body\":\"s") + 9;
		int end = data.indexOf('"', start);
		return Integer.parseInt(data.substring(start, end));
	}

}
