package io.hubbridge.room;

import java.time.Duration;

import io.hubbridge.room.PendingShouts.Confirmation;
import io.hubbridge.room.PendingShouts.PendingShout;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Shouts waiting for their broadcast, matched oldest first by name and body. */
class PendingShoutsUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final PendingShouts pending = new PendingShouts(3);

	@Test
	void aBroadcastConfirmsTheOldestShoutWithTheSameNameAndBody() {
		PendingShout first = this.pending.add("robin", "hi");
		PendingShout other = this.pending.add("robin", "bye");
		PendingShout second = this.pending.add("robin", "hi");
		Confirmation confirmation = this.pending.take("robin", "hi", new EventId("e1", 7));
		assertThat(confirmation.shout()).isSameAs(first);
		// taken under the room's lock, told after it
		StepVerifier.create(first.confirmed())
			.then(confirmation::emit)
			.expectNext(new EventId("e1", 7))
			.expectComplete()
			.verify(WAIT);
		assertThat(this.pending.take("robin", "hi", new EventId("e1", 8)).shout()).isSameAs(second);
		assertThat(this.pending.take("robin", "hi", new EventId("e1", 9))).isNull();
		assertThat(this.pending.take("someone", "bye", new EventId("e1", 9))).isNull();
		assertThat(this.pending.size()).isEqualTo(1);
		assertThat(other).isNotNull();
	}

	@Test
	void removingAConfirmedShoutLeavesTheOthers() {
		PendingShout confirmed = this.pending.add("robin", "hi");
		PendingShout waiting = this.pending.add("robin", "hi");
		this.pending.take("robin", "hi", new EventId("e1", 1));
		this.pending.remove(confirmed);
		assertThat(this.pending.size()).isEqualTo(1);
		assertThat(this.pending.take("robin", "hi", new EventId("e1", 2)).shout()).isSameAs(waiting);
	}

	@Test
	void aRemovedShoutIsNeverConfirmed() {
		PendingShout timedOut = this.pending.add("robin", "hi");
		this.pending.remove(timedOut);
		this.pending.remove(timedOut);
		assertThat(this.pending.take("robin", "hi", new EventId("e1", 1))).isNull();
		assertThat(this.pending.size()).isZero();
	}

	@Test
	void beyondItsCapacityNoShoutIsAdded() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.pending.add("robin", "b" + i)).isNotNull();
		}
		assertThat(this.pending.add("robin", "b3")).isNull();
		this.pending.take("robin", "b0", new EventId("e1", 1));
		assertThat(this.pending.add("robin", "b3")).isNotNull();
	}

}
