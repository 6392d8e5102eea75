package io.hubbridge.room.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One room's presence, merged as Phoenix's client does, reported per user. Not
 * thread-safe: the room session serializes access.
 *
 * <p>
 * State is a map from presence key (the username a connection joined with) to its metas,
 * one per connection. {@link #syncState} replaces it (Phoenix's merge ends in the same
 * state, a {@code phx_ref} naming one version of one meta) and {@link #syncDiff} merges a
 * diff exactly like Phoenix JS {@code Presence.syncDiff}: joins are applied before
 * leaves; a join keeps the key's current metas whose {@code phx_ref} is not among the
 * joining metas and adds the joining ones; a leave removes the metas whose
 * {@code phx_ref} it lists (a leave for an unknown key is ignored); a key with no metas
 * left is gone. Only {@code phx_ref} and {@code typing} of a meta are kept: the user is
 * reported under its key, whatever {@code username} the metas carry (Hub puts there the
 * name a client sent with {@code user:typing}).
 *
 * <p>
 * Both methods return what changed per user, relative to the state before the call: a
 * user joins when its key appears and leaves when its key disappears (a second connection
 * or one of several leaving is neither), and its {@code typing} is true when any of its
 * metas has {@code typing} exactly JSON {@code true} (Hub stores whatever a client sent,
 * such as {@code "yes"}, which is not true). A typing change of a user who stays is a
 * {@link TypingChanged}; a user who joins already typing is only a {@link Joined} whose
 * user says so. Changes in connection count alone are not reported (read {@link #users}).
 * The order is stable: every {@link Left}, then every {@link Joined}, then every
 * {@link TypingChanged}, each group sorted by username ({@link String} natural order).
 * Keys for which the visibility predicate is false (the bridge's own username) are kept
 * in the state so that merging stays exact, but are never reported, nor listed by
 * {@link #users} or counted by {@link #count}.
 *
 * <p>
 * No payload makes these methods throw or corrupts the state. Malformed parts are
 * skipped, each counted once, and {@link #malformedEntries()} tells how many the last
 * call skipped so the caller can log: a payload that is not an object (the state is then
 * left as it was), {@code joins} or {@code leaves} that is present but not an object (a
 * missing or null one is empty), a key whose value is not an object with a {@code metas}
 * array (a diff leaves that key as it was, a state leaves it out), and a meta that is not
 * an object with a string {@code phx_ref} (that meta alone is skipped). A key whose metas
 * were all skipped is not created.
 */
public final class Presence {

	private final Predicate<String> visible;

	private Map<String, Entry> state = new HashMap<>();

	/** The next state while {@link #syncState} builds it; swapped with {@link #state}. */
	private Map<String, Entry> spare = new HashMap<>();

	/**
	 * The status, before the current call, of each visible key the call may change;
	 * sorted so that changes come out by username.
	 */
	private final TreeMap<String, Status> before = new TreeMap<>();

	/** The valid metas of the presence being read. */
	private final List<Meta> incoming = new ArrayList<>();

	private int malformed;

	/**
	 * Create an empty presence.
	 * @param visible whether a key may be reported; false for the bridge's own username
	 */
	public Presence(Predicate<String> visible) {
		this.visible = Objects.requireNonNull(visible, "visible");
	}

	/**
	 * Replace the state with a {@code presence_state} payload.
	 * @param newState {@code {KEY: {"metas": [...]}, ...}}
	 * @return the user-level changes relative to the previous state, in the documented
	 * order; a new list the caller may keep
	 */
	public List<PresenceChange> syncState(@Nullable JsonNode newState) {
		this.malformed = 0;
		if (newState == null || !newState.isObject()) {
			this.malformed++;
			return List.of();
		}
		this.before.clear();
		for (Map.Entry<String, Entry> current : this.state.entrySet()) {
			if (current.getValue().visible) {
				this.before.put(current.getKey(), current.getValue().status());
			}
		}
		this.spare.clear();
		for (Map.Entry<String, JsonNode> property : newState.properties()) {
			String key = property.getKey();
			if (readMetas(property.getValue()) && !this.incoming.isEmpty()) {
				Entry entry = new Entry(this.visible.test(key), new ArrayList<>(this.incoming));
				this.spare.put(key, entry);
				if (entry.visible) {
					this.before.putIfAbsent(key, Status.ABSENT);
				}
			}
		}
		Map<String, Entry> previous = this.state;
		this.state = this.spare;
		this.spare = previous;
		this.spare.clear();
		return changes();
	}

	/**
	 * Merge a {@code presence_diff} payload into the state.
	 * @param diff {@code {"joins": {KEY: {"metas": [...]}}, "leaves": {KEY: {"metas":
	 * [...]}}}}
	 * @return the user-level changes, in the documented order; a new list the caller may
	 * keep
	 */
	public List<PresenceChange> syncDiff(@Nullable JsonNode diff) {
		this.malformed = 0;
		if (diff == null || !diff.isObject()) {
			this.malformed++;
			return List.of();
		}
		JsonNode joins = part(diff, "joins");
		JsonNode leaves = part(diff, "leaves");
		this.before.clear();
		recordBefore(joins);
		recordBefore(leaves);
		if (joins != null) {
			for (Map.Entry<String, JsonNode> join : joins.properties()) {
				applyJoin(join.getKey(), join.getValue());
			}
		}
		if (leaves != null) {
			for (Map.Entry<String, JsonNode> leave : leaves.properties()) {
				applyLeave(leave.getKey(), leave.getValue());
			}
		}
		return changes();
	}

	/**
	 * The visible users.
	 * @return a new list sorted by username
	 */
	public List<User> users() {
		List<User> users = new ArrayList<>(this.state.size());
		for (Map.Entry<String, Entry> entry : this.state.entrySet()) {
			if (entry.getValue().visible) {
				users.add(entry.getValue().user(entry.getKey()));
			}
		}
		users.sort((left, right) -> left.username().compareTo(right.username()));
		return users;
	}

	/**
	 * The number of visible users.
	 * @return how many users {@link #users()} would list
	 */
	public int count() {
		int count = 0;
		for (Entry entry : this.state.values()) {
			if (entry.visible) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Forget everything, for example when the upstream is lost. Reports nothing: the
	 * caller reads {@link #users()} first if it needs to say who is gone.
	 */
	public void clear() {
		this.state.clear();
		this.spare.clear();
		this.before.clear();
	}

	/**
	 * How many malformed parts the last {@link #syncState} or {@link #syncDiff} call
	 * skipped (see the class documentation).
	 * @return zero when the last payload was well formed
	 */
	public int malformedEntries() {
		return this.malformed;
	}

	private @Nullable JsonNode part(JsonNode diff, String name) {
		JsonNode part = diff.get(name);
		if (part == null || part.isNull() || part.isMissingNode()) {
			// Hub always sends both; a missing one has nothing to apply
			return null;
		}
		if (!part.isObject()) {
			this.malformed++;
			return null;
		}
		return part;
	}

	private void recordBefore(@Nullable JsonNode part) {
		if (part == null) {
			return;
		}
		for (String key : part.propertyNames()) {
			if (!this.before.containsKey(key) && this.visible.test(key)) {
				Entry current = this.state.get(key);
				this.before.put(key, (current != null) ? current.status() : Status.ABSENT);
			}
		}
	}

	private void applyJoin(String key, JsonNode presence) {
		if (!readMetas(presence)) {
			return;
		}
		Entry current = this.state.get(key);
		if (current == null) {
			if (!this.incoming.isEmpty()) {
				this.state.put(key, new Entry(this.visible.test(key), new ArrayList<>(this.incoming)));
			}
			return;
		}
		// Phoenix keeps the current metas that are not being replaced, then the joining
		// ones
		for (Meta joining : this.incoming) {
			current.remove(joining.ref);
		}
		current.metas.addAll(this.incoming);
	}

	private void applyLeave(String key, JsonNode presence) {
		JsonNode metas = metasOf(presence);
		if (metas == null) {
			return;
		}
		Entry current = this.state.get(key);
		for (JsonNode meta : metas) {
			String ref = refOf(meta);
			if (ref == null) {
				this.malformed++;
			}
			else if (current != null) {
				current.remove(ref);
			}
		}
		if (current != null && current.metas.isEmpty()) {
			this.state.remove(key);
		}
	}

	/**
	 * Read the valid metas of one key's presence into {@link #incoming}.
	 * @return false if the presence itself is malformed
	 */
	private boolean readMetas(JsonNode presence) {
		this.incoming.clear();
		JsonNode metas = metasOf(presence);
		if (metas == null) {
			return false;
		}
		for (JsonNode meta : metas) {
			String ref = refOf(meta);
			if (ref == null) {
				this.malformed++;
			}
			else {
				JsonNode typing = meta.get("typing");
				this.incoming.add(new Meta(ref, typing != null && typing.isBoolean() && typing.booleanValue()));
			}
		}
		return true;
	}

	private @Nullable JsonNode metasOf(JsonNode presence) {
		JsonNode metas = presence.isObject() ? presence.get("metas") : null;
		if (metas == null || !metas.isArray()) {
			this.malformed++;
			return null;
		}
		return metas;
	}

	private static @Nullable String refOf(JsonNode meta) {
		JsonNode ref = meta.isObject() ? meta.get("phx_ref") : null;
		return (ref != null && ref.isString()) ? ref.stringValue() : null;
	}

	/**
	 * Compare each key of {@link #before} with the state now, in the documented order.
	 */
	private List<PresenceChange> changes() {
		List<PresenceChange> changes = null;
		for (Map.Entry<String, Status> key : this.before.entrySet()) {
			if (key.getValue() != Status.ABSENT && !this.state.containsKey(key.getKey())) {
				changes = add(changes, new Left(key.getKey()));
			}
		}
		for (Map.Entry<String, Status> key : this.before.entrySet()) {
			Entry now = this.state.get(key.getKey());
			if (key.getValue() == Status.ABSENT && now != null) {
				changes = add(changes, new Joined(now.user(key.getKey())));
			}
		}
		for (Map.Entry<String, Status> key : this.before.entrySet()) {
			Entry now = this.state.get(key.getKey());
			if (key.getValue() != Status.ABSENT && now != null && now.status() != key.getValue()) {
				changes = add(changes, new TypingChanged(key.getKey(), now.status() == Status.TYPING));
			}
		}
		this.before.clear();
		return (changes != null) ? changes : List.of();
	}

	private static List<PresenceChange> add(@Nullable List<PresenceChange> changes, PresenceChange change) {
		List<PresenceChange> list = (changes != null) ? changes : new ArrayList<>();
		list.add(change);
		return list;
	}

	/** A user's status as far as changes are concerned. */
	private enum Status {

		ABSENT, IDLE, TYPING

	}

	/** One connection's meta: only what the bridge reports. */
	private record Meta(String ref, boolean typing) {

	}

	/** One key's metas, never empty while in the state. */
	private static final class Entry {

		final boolean visible;

		final List<Meta> metas;

		Entry(boolean visible, List<Meta> metas) {
			this.visible = visible;
			this.metas = metas;
		}

		boolean typing() {
			for (Meta meta : this.metas) {
				if (meta.typing) {
					return true;
				}
			}
			return false;
		}

		Status status() {
			return typing() ? Status.TYPING : Status.IDLE;
		}

		User user(String username) {
			return new User(username, typing(), this.metas.size());
		}

		void remove(String ref) {
			for (int i = this.metas.size() - 1; i >= 0; i--) {
				if (this.metas.get(i).ref.equals(ref)) {
					this.metas.remove(i);
				}
			}
		}

	}

}
