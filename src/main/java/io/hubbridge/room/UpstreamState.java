package io.hubbridge.room;

import java.util.Locale;

/** The states of a room's upstream session, as {@code upstream} events name them. */
public enum UpstreamState {

	/** The first connection attempt is under way. */
	CONNECTING,

	/** Joined to the room's topic: events flow. */
	JOINED,

	/**
	 * The session was lost or an attempt failed; another attempt is under way or
	 * scheduled.
	 */
	RECONNECTING,

	/** An attempt failed; the next one follows after a backoff. */
	FAILED;

	private final String wireName = name().toLowerCase(Locale.ROOT);

	public String wireName() {
		return this.wireName;
	}

}
