package io.hubbridge.room;

import org.jspecify.annotations.Nullable;

/**
 * What became of a posted shout.
 *
 * @param confirmed whether Hub's broadcast of the shout came back in time
 * @param id the id of the shout's event, when confirmed
 */
public record ShoutResult(boolean confirmed, @Nullable EventId id) {

	static ShoutResult confirmed(EventId id) {
		return new ShoutResult(true, id);
	}

	static ShoutResult unconfirmed() {
		return new ShoutResult(false, null);
	}

}
