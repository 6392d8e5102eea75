package io.hubbridge.bench;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceCheckerUnitTests {

	private final SequenceChecker checker = new SequenceChecker();

	@Test
	void everySequenceOnceAndInOrderIsClean() {
		for (int i = 0; i < 100; i++) {
			assertThat(this.checker.accept(i, 100)).isTrue();
		}
		assertThat(this.checker.received()).isEqualTo(100);
		assertThat(this.checker.lost(100, new BitSet())).isZero();
		assertThat(this.checker.duplicates()).isZero();
		assertThat(this.checker.orderViolations()).isZero();
	}

	@Test
	void aSequenceReceivedAgainIsADuplicateAndNotRecordedTwice() {
		this.checker.accept(0, 10);
		this.checker.accept(1, 10);
		assertThat(this.checker.accept(1, 10)).isFalse();
		assertThat(this.checker.received()).isEqualTo(2);
		assertThat(this.checker.duplicates()).isEqualTo(1);
		assertThat(this.checker.orderViolations()).isZero();
	}

	@Test
	void aSequenceArrivingAfterALaterOneIsAnOrderViolationNotALoss() {
		this.checker.accept(0, 3);
		this.checker.accept(2, 3);
		assertThat(this.checker.lost(3, new BitSet())).isEqualTo(1);
		assertThat(this.checker.accept(1, 3)).isTrue();
		assertThat(this.checker.orderViolations()).isEqualTo(1);
		assertThat(this.checker.lost(3, new BitSet())).isZero();
	}

	@Test
	void sequencesNeverReceivedAreLostUnlessTheyWereRefused() {
		this.checker.accept(0, 5);
		this.checker.accept(3, 5);
		BitSet refused = new BitSet();
		refused.set(1);
		assertThat(this.checker.lost(5, new BitSet())).isEqualTo(3);
		assertThat(this.checker.lost(5, refused)).isEqualTo(2);
	}

	@Test
	void sequencesOutsideTheRunAreUnexpected() {
		assertThat(this.checker.accept(7, 5)).isFalse();
		assertThat(this.checker.accept(-1, 5)).isFalse();
		assertThat(this.checker.unexpected()).isEqualTo(2);
		assertThat(this.checker.received()).isZero();
	}

	@Test
	void streamsThatReceivedTheSameShoutsInTheSameOrderHaveTheSameOrderHash() {
		SequenceChecker same = new SequenceChecker();
		SequenceChecker swapped = new SequenceChecker();
		for (int sequence : new int[] { 0, 2, 1, 3 }) {
			this.checker.accept(sequence, 4);
			same.accept(sequence, 4);
		}
		for (int sequence : new int[] { 0, 1, 2, 3 }) {
			swapped.accept(sequence, 4);
		}
		same.accept(2, 4);
		assertThat(same.orderHash()).as("a duplicate changes nothing").isEqualTo(this.checker.orderHash());
		assertThat(swapped.orderHash()).isNotEqualTo(this.checker.orderHash());
	}

}
