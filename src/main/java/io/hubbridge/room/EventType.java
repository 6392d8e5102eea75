package io.hubbridge.room;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of event a room's stream carries, named on the wire as in
 * {@code event: shout}.
 */
public enum EventType {

	/**
	 * The full presence snapshot: first on every stream and again whenever the upstream
	 * (re)joins.
	 */
	PRESENCE,

	/** A shout that Hub broadcast in the room. */
	SHOUT,

	/** A user appeared in the room (a user, not a connection). */
	JOIN,

	/** A user's last connection left the room. */
	LEAVE,

	/** A user started or stopped typing. */
	TYPING,

	/** The room's upstream session changed state. */
	UPSTREAM,

	/**
	 * The requested history is no longer available; a fresh presence snapshot follows.
	 */
	RESET,

	/**
	 * The bridge is shutting down: the last event of the stream, which then ends; the
	 * client reconnects after the time the event gives.
	 */
	SHUTDOWN;

	/** Sent on every stream, whatever types it asked for. */
	private static final Set<EventType> ALWAYS_SENT = EnumSet.of(RESET, SHUTDOWN);

	private final String wireName = name().toLowerCase(Locale.ROOT);

	public String wireName() {
		return this.wireName;
	}

	/**
	 * Parse a comma-separated list such as {@code shout,typing} into the types a stream
	 * gets: those named, plus {@code reset} and {@code shutdown}, which every stream
	 * gets.
	 * @throws IllegalArgumentException naming the first unknown type
	 */
	public static Set<EventType> parseList(String list) {
		EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
		for (String part : list.split(",")) {
			String name = part.strip();
			if (!name.isEmpty()) {
				types.add(fromWireName(name));
			}
		}
		if (types.isEmpty()) {
			throw new IllegalArgumentException("no event type given");
		}
		types.addAll(ALWAYS_SENT);
		return types;
	}

	public static EventType fromWireName(String name) {
		for (EventType type : values()) {
			if (type.wireName.equals(name)) {
				return type;
			}
		}
		throw new IllegalArgumentException("unknown event type '" + name + "'");
	}

}
