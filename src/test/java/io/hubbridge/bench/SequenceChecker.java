package io.hubbridge.bench;

import java.util.BitSet;

/**
 * One subscriber's view of one room's shout sequence ({@code 0, 1, 2, …}): which
 * sequences arrived, how many arrived twice, how many arrived after a later one, and in
 * which order they arrived. Single-threaded: a subscriber's events come from its
 * connection's event loop.
 */
final class SequenceChecker {

	private final BitSet seen = new BitSet();

	private long received;

	private long duplicates;

	private long orderViolations;

	private long unexpected;

	private long highest = -1;

	private long orderHash = 1;

	/**
	 * @param sequence the shout's sequence
	 * @param expected how many shouts the room gets: valid sequences are below it
	 * @return whether this is the sequence's first arrival
	 */
	boolean accept(long sequence, int expected) {
		if (sequence < 0 || sequence >= expected) {
			this.unexpected++;
			return false;
		}
		int index = (int) sequence;
		if (this.seen.get(index)) {
			this.duplicates++;
			return false;
		}
		this.seen.set(index);
		this.received++;
		this.orderHash = this.orderHash * 1_000_003L + sequence;
		if (sequence < this.highest) {
			this.orderViolations++;
		}
		else {
			this.highest = sequence;
		}
		return true;
	}

	/** Distinct valid sequences received. */
	long received() {
		return this.received;
	}

	long duplicates() {
		return this.duplicates;
	}

	/** Sequences that arrived after a higher one. */
	long orderViolations() {
		return this.orderViolations;
	}

	/**
	 * A hash of the order in which sequences first arrived: streams of one room that
	 * received the same shouts in the same order have the same hash.
	 */
	long orderHash() {
		return this.orderHash;
	}

	/** Sequences outside {@code [0, expected)}. */
	long unexpected() {
		return this.unexpected;
	}

	/** Of {@code sent}, the sequences not received (those {@code refused} excluded). */
	long lost(int sent, BitSet refused) {
		BitSet missing = new BitSet(sent);
		missing.set(0, sent);
		missing.andNot(this.seen);
		missing.andNot(refused);
		return missing.cardinality();
	}

}
