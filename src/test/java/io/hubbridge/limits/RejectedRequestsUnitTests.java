package io.hubbridge.limits;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals: their problem, their Retry-After and their counter. */
class RejectedRequestsUnitTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final RejectedRequests rejections = new RejectedRequests(this.registry);

	@Test
	void everyReasonIsCountedFromZeroBeforeTheFirstRefusal() {
		assertThat(this.registry.find(RejectedRequests.METER).counters()).hasSize(Limit.values().length)
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		assertThat(this.registry.find(RejectedRequests.METER).counters())
			.extracting((counter) -> counter.getId().getTag("reason"))
			.containsExactlyInAnyOrder("too-many-rooms", "room-full", "too-many-streams", "rate-limited");
	}

	@Test
	void aRefusalIsCountedUnderItsReasonAndAnsweredWithItsProblem() {
		LimitExceededException refused = this.rejections.refuse(Limit.RATE_LIMITED, "slow down",
				Duration.ofMillis(1200));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.getBody().getType()).hasToString("urn:hub-bridge:problem:rate-limited");
		assertThat(refused.getBody().getTitle()).isEqualTo("Rate limited");
		assertThat(refused.getBody().getDetail()).isEqualTo("slow down");
		assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).as("rounded up").isEqualTo("2");
		assertThat(refused.getStackTrace()).isEmpty();
		assertThat(this.registry.get(RejectedRequests.METER).tag("reason", "rate-limited").counter().count())
			.isEqualTo(1);
		assertThat(this.rejections.count(Limit.ROOM_FULL)).isZero();
	}

	@Test
	void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
		assertThat(LimitExceededException.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
		assertThat(LimitExceededException.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
		assertThat(LimitExceededException.retryAfterSeconds(Duration.ofSeconds(1))).isEqualTo(1);
		assertThat(LimitExceededException.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
		assertThat(LimitExceededException.retryAfterSeconds(Duration.ofSeconds(100))).isEqualTo(100);
	}

	@Test
	void theRoomLimitsAnswer503AndTheClientLimits429() {
		assertThat(Limit.TOO_MANY_ROOMS.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(Limit.ROOM_FULL.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(Limit.TOO_MANY_STREAMS.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(Limit.RATE_LIMITED.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

}
