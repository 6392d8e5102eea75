package io.hubbridge.bench;

import java.util.BitSet;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Sends a run's shouts: {@link HubPublisher} straight into Hub, {@link RestPublisher}
 * through the bridge. {@link #shout} is called from the pacer's thread only.
 */
interface ShoutPublisher extends AutoCloseable {

	/** Completes when the publisher can shout into every room. */
	Mono<Void> ready();

	/** Sends {@code body} into room number {@code room} (one of {@link #rooms()}). */
	void shout(int room, int sequence, String body);

	List<String> rooms();

	/** The sequences of each room that did not leave (refused or failed). */
	Refusals refusals();

	/** Shouts sent and not yet answered (REST); 0 for fire-and-forget. */
	long inFlight();

	/** How the bridge answered the shouts (REST); {@code null} for fire-and-forget. */
	default BenchResult.@Nullable Answers answers() {
		return null;
	}

	@Override
	void close();

	/** Shouts that did not leave, per room; written from any thread. */
	final class Refusals {

		private final BitSet[] byRoom;

		private long count;

		Refusals(int rooms) {
			this.byRoom = new BitSet[rooms];
			for (int i = 0; i < rooms; i++) {
				this.byRoom[i] = new BitSet();
			}
		}

		synchronized void refused(int room, int sequence) {
			this.byRoom[room].set(sequence);
			this.count++;
		}

		synchronized BitSet of(int room) {
			return (BitSet) this.byRoom[room].clone();
		}

		synchronized long count() {
			return this.count;
		}

	}

}
