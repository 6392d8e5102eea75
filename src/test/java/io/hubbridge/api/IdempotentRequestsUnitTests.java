package io.hubbridge.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.hubbridge.api.IdempotentRequests.Outcome;
import io.hubbridge.support.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The store of idempotent outcomes, on a clock that moves only when told. */
class IdempotentRequestsUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));

	private final IdempotentRequests<String> requests = new IdempotentRequests<>(3, Duration.ofMinutes(10), this.clock);

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void sameKeyRunsTheWorkOnceAndReplaysItsAnswer() {
		expect(execute("lobby", "k1", "f1", "first"), "first", false);
		expect(execute("lobby", "k1", "f1", "second"), "first", true);
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void requestsWhileTheFirstIsInFlightGetItsOutcomeWhenItComes() {
		Sinks.One<String> answer = Sinks.one();
		List<Outcome<String>> outcomes = new CopyOnWriteArrayList<>();
		this.requests.execute("lobby", "k1", "f1", () -> counted(answer.asMono())).subscribe(outcomes::add);
		this.requests.execute("lobby", "k1", "f1", () -> counted(Mono.just("never"))).subscribe(outcomes::add);
		assertThat(outcomes).isEmpty();
		answer.tryEmitValue("the one");
		assertThat(outcomes).containsExactly(new Outcome<>("the one", false), new Outcome<>("the one", true));
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void concurrentRequestsWithOneKeyRunTheWorkOnce() {
		Sinks.One<String> answer = Sinks.one();
		Disposable first = this.requests.execute("lobby", "k1", "f1", () -> counted(answer.asMono())).subscribe();
		Disposable second = this.requests.execute("lobby", "k1", "f1", () -> counted(answer.asMono())).subscribe();
		assertThat(this.runs).hasValue(1);
		answer.tryEmitValue("done");
		first.dispose();
		second.dispose();
	}

	@Test
	void sameKeyWithAnotherFingerprintIsRefusedWithoutRunning() {
		expect(execute("lobby", "k1", "f1", "first"), "first", false);
		StepVerifier.create(execute("lobby", "k1", "f2", "other"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IdempotencyKeyReusedException.class)
				.satisfies((reused) -> assertThat(((IdempotencyKeyReusedException) reused).getBody().getType())
					.isEqualTo(IdempotencyKeyReusedException.TYPE)))
			.verify(WAIT);
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void keysAreScopedPerRoom() {
		expect(execute("lobby", "k1", "f1", "lobby's"), "lobby's", false);
		expect(execute("kitchen", "k1", "f2", "kitchen's"), "kitchen's", false);
		assertThat(this.runs).hasValue(2);
	}

	@Test
	void failuresAreNotRememberedSoTheSameKeyRetriesForReal() {
		StepVerifier
			.create(this.requests.execute("lobby", "k1", "f1",
					() -> counted(Mono.error(new IllegalStateException("not sent")))))
			.expectErrorMessage("not sent")
			.verify(WAIT);
		expect(execute("lobby", "k1", "f1", "sent"), "sent", false);
		assertThat(this.runs).hasValue(2);
	}

	@Test
	void waitersOnAFailedFirstRequestGetItsFailure() {
		Sinks.One<String> answer = Sinks.one();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		this.requests.execute("lobby", "k1", "f1", () -> counted(answer.asMono())).subscribe(null, failures::add);
		this.requests.execute("lobby", "k1", "f1", () -> counted(Mono.just("never"))).subscribe(null, failures::add);
		answer.tryEmitError(new IllegalStateException("not sent"));
		assertThat(failures).extracting(Throwable::getMessage).containsExactly("not sent", "not sent");
		assertThat(this.requests.size()).isZero();
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void anAnswerIsForgottenOnceItsTimeToLiveIsOver() {
		expect(execute("lobby", "k1", "f1", "first"), "first", false);
		this.clock.advance(Duration.ofMinutes(10).minusMillis(1));
		expect(execute("lobby", "k1", "f1", "second"), "first", true);
		this.clock.advance(Duration.ofMillis(1));
		expect(execute("lobby", "k1", "f1", "third"), "third", false);
		assertThat(this.runs).hasValue(2);
	}

	@Test
	void expiredKeysAreDroppedOnTheNextRequest() {
		expect(execute("lobby", "k1", "f1", "a"), "a", false);
		expect(execute("lobby", "k2", "f1", "b"), "b", false);
		this.clock.advance(Duration.ofMinutes(11));
		expect(execute("lobby", "k3", "f1", "c"), "c", false);
		assertThat(this.requests.size()).isOne();
	}

	@Test
	void beyondTheMaximumTheOldestKeyIsForgottenFirst() {
		for (String key : new String[] { "k1", "k2", "k3", "k4" }) {
			expect(execute("lobby", key, "f", key), key, false);
		}
		assertThat(this.requests.size()).isEqualTo(3);
		expect(execute("lobby", "k2", "f", "again"), "k2", true);
		expect(execute("lobby", "k1", "f", "again"), "again", false);
		assertThat(this.runs).hasValue(5);
	}

	@Test
	void theWorkRunsToItsEndWhenTheFirstCallerCancels() {
		Sinks.One<String> answer = Sinks.one();
		Disposable first = this.requests.execute("lobby", "k1", "f1", () -> counted(answer.asMono())).subscribe();
		first.dispose();
		answer.tryEmitValue("finished anyway");
		expect(execute("lobby", "k1", "f1", "again"), "finished anyway", true);
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void workThatEndsWithoutAnAnswerIsNotRemembered() {
		StepVerifier.create(this.requests.execute("lobby", "k1", "f1", () -> counted(Mono.empty())))
			.expectComplete()
			.verify(WAIT);
		expect(execute("lobby", "k1", "f1", "now"), "now", false);
	}

	private Mono<Outcome<String>> execute(String scope, String key, String fingerprint, String answer) {
		return this.requests.execute(scope, key, fingerprint, () -> counted(Mono.just(answer)));
	}

	private Mono<String> counted(Mono<String> work) {
		this.runs.incrementAndGet();
		return work;
	}

	private static void expect(Mono<Outcome<String>> outcome, String value, boolean replayed) {
		StepVerifier.create(outcome).expectNext(new Outcome<>(value, replayed)).expectComplete().verify(WAIT);
	}

}
