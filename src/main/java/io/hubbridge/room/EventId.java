package io.hubbridge.room;

import java.util.Optional;

/**
 * An event id of the form {@code EPOCH-SEQ}: EPOCH names one room session's life in this
 * process, SEQ counts that session's events from 1 (0 before the first).
 *
 * @param epoch the room session's epoch
 * @param seq the event's sequence number
 */
public record EventId(String epoch, long seq) {

	@Override
	public String toString() {
		return this.epoch + "-" + this.seq;
	}

	/**
	 * Parse an id as sent back in {@code Last-Event-ID}; empty when it is not of our
	 * form.
	 */
	public static Optional<EventId> parse(String text) {
		int dash = text.indexOf('-');
		if (dash <= 0 || dash == text.length() - 1 || !isEpoch(text.substring(0, dash))) {
			return Optional.empty();
		}
		try {
			long seq = Long.parseLong(text.substring(dash + 1));
			return (seq >= 0) ? Optional.of(new EventId(text.substring(0, dash), seq)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isEpoch(String text) {
		return text.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'));
	}

}
