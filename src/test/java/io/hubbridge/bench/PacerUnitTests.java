package io.hubbridge.bench;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacerUnitTests {

	private long now = 5_000_000_000L;

	private final List<Long> sentAt = new ArrayList<>();

	private final Pacer pacer = new Pacer(3, () -> this.now, (nanos) -> this.now += nanos);

	@Test
	void tickKIsDueAtKOverTheRateFromTheStartWithoutAccumulatedRounding() {
		assertThat(this.pacer.dueOffset(0)).isZero();
		assertThat(this.pacer.dueOffset(1)).isEqualTo(333_333_333L);
		assertThat(this.pacer.dueOffset(3)).isEqualTo(1_000_000_000L);
		// 3,000,000 × 333,333,333 ns would be 999,999,999,000,000 ns: 1 ms of drift
		assertThat(this.pacer.dueOffset(3_000_000)).isEqualTo(1_000_000_000_000_000L);
	}

	@Test
	void aSenderThatKeepsUpSendsEachTickWhenDueAndIsNeverBehind() {
		this.pacer.run(7, (k, sent) -> this.sentAt.add(sent));
		assertThat(this.sentAt).hasSize(7);
		for (int k = 0; k < 7; k++) {
			assertThat(this.sentAt.get(k)).isEqualTo(5_000_000_000L + this.pacer.dueOffset(k));
		}
		assertThat(this.pacer.behind()).isZero();
		assertThat(this.pacer.achievedRate()).isEqualTo(3.0, org.assertj.core.data.Offset.offset(0.001));
	}

	@Test
	void ticksFoundLateGoOutAtOnceAreCountedAndTheScheduleDoesNotShift() {
		this.pacer.run(6, (k, sent) -> {
			this.sentAt.add(sent);
			if (k == 1) {
				// a send that takes a second: ticks 2 and 3 are due meanwhile
				this.now += 1_000_000_000L;
			}
		});
		long start = 5_000_000_000L;
		assertThat(this.sentAt.get(2)).as("late: sent at once").isEqualTo(start + 1_333_333_333L);
		assertThat(this.sentAt.get(3)).as("late: sent at once").isEqualTo(start + 1_333_333_333L);
		assertThat(this.sentAt.get(4)).as("back on the original schedule").isEqualTo(start + this.pacer.dueOffset(4));
		assertThat(this.sentAt.get(5)).isEqualTo(start + this.pacer.dueOffset(5));
		assertThat(this.pacer.behind()).isEqualTo(2);
		// the histogram keeps 3 significant digits
		assertThat(this.pacer.lateness().getMaxValue()).as("µs").isBetween(666_000L, 668_000L);
	}

	@Test
	void latenessWithinTheToleranceIsNotLag() {
		// a sleeper that always oversleeps by half the tolerance
		Pacer oversleeping = new Pacer(3, () -> this.now, (nanos) -> this.now += nanos + Pacer.TOLERANCE_NANOS / 2);
		oversleeping.run(4, (k, sent) -> this.sentAt.add(sent));
		assertThat(oversleeping.behind()).isZero();
		assertThat(oversleeping.lateness().getMaxValue()).as("µs").isBetween(499L, 501L);
	}

}
