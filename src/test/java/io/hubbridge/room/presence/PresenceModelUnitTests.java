package io.hubbridge.room.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random sequences of Hub-like presence payloads (connections joining, leaving, typing,
 * resyncs after a reconnect, leaves of unknown keys, malformed parts) checked against a
 * simple model of who is connected.
 */
class PresenceModelUnitTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String HIDDEN = "bridge";

	private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave", "émile", HIDDEN);

	@Test
	void reportedChangesReplayedOntoThePreviousUsersGiveTheNewUsers() {
		for (long seed = 1; seed <= 300; seed++) {
			new Run(seed).steps(150);
		}
	}

	/** One random run: the presence under test beside the model it must agree with. */
	private static final class Run {

		private final Random random;

		private final Presence presence = new Presence((key) -> !key.equals(HIDDEN));

		/** Username to its connections, each a ref and the typing value Hub stored. */
		private final Map<String, Map<String, JsonNode>> model = new HashMap<>();

		private int refs;

		private final long seed;

		private int step;

		Run(long seed) {
			this.seed = seed;
			this.random = new Random(seed);
		}

		void steps(int count) {
			for (this.step = 0; this.step < count; this.step++) {
				List<User> before = this.presence.users();
				int kind = this.random.nextInt(20);
				List<PresenceChange> changes;
				if (kind < 2) {
					changes = this.presence.syncState(resync());
				}
				else if (kind < 3) {
					changes = junk();
				}
				else {
					changes = this.presence.syncDiff(diff());
				}
				check(before, changes);
			}
		}

		/**
		 * A {@code presence_state} after a reconnect: some connections gone, some new.
		 */
		private JsonNode resync() {
			this.model.values()
				.forEach((connections) -> connections.keySet().removeIf((ref) -> this.random.nextInt(3) == 0));
			this.model.values().removeIf(Map::isEmpty);
			for (int i = this.random.nextInt(3); i > 0; i--) {
				connect(name());
			}
			ObjectNode state = NODES.objectNode();
			this.model.forEach((name, connections) -> {
				ArrayNode metas = state.putObject(name).putArray("metas");
				connections.forEach((ref, typing) -> meta(metas, ref, null, typing));
			});
			return state;
		}

		/**
		 * A {@code presence_diff} with one to three operations; the model applies each at
		 * once, which is what Phoenix's joins-then-leaves gives for these operations.
		 */
		private JsonNode diff() {
			ObjectNode joins = NODES.objectNode();
			ObjectNode leaves = NODES.objectNode();
			for (int i = 1 + this.random.nextInt(3); i > 0; i--) {
				String[] connection = existingConnection();
				int kind = this.random.nextInt(10);
				if (connection == null || kind < 3) {
					String name = name();
					String ref = connect(name);
					meta(metas(joins, name), ref, null, this.model.get(name).get(ref));
				}
				else if (kind < 5) {
					JsonNode typing = this.model.get(connection[0]).remove(connection[1]);
					if (this.model.get(connection[0]).isEmpty()) {
						this.model.remove(connection[0]);
					}
					meta(metas(leaves, connection[0]), connection[1], null, typing);
				}
				else if (kind < 9) {
					Map<String, JsonNode> connections = this.model.get(connection[0]);
					JsonNode typing = connections.remove(connection[1]);
					String ref = nextRef();
					connections.put(ref, typingValue());
					meta(metas(joins, connection[0]), ref, connection[1], connections.get(ref));
					meta(metas(leaves, connection[0]), connection[1], null, typing);
				}
				else {
					// leaves of connections or keys the state does not hold are ignored
					meta(metas(leaves, this.random.nextBoolean() ? connection[0] : "ghost"), nextRef(), null,
							NODES.booleanNode(false));
				}
			}
			if (this.random.nextInt(5) == 0) {
				// malformed parts beside valid ones are skipped
				joins.put("junk", 42);
				metas(leaves, "junk2").add("not a meta");
				metas(joins, "junk3").addObject().put("phx_ref", 7);
			}
			ObjectNode diff = NODES.objectNode();
			diff.set("joins", joins);
			diff.set("leaves", leaves);
			return diff;
		}

		/**
		 * A payload that is malformed as a whole: nothing may change but a state of only
		 * bad keys.
		 */
		private List<PresenceChange> junk() {
			boolean state = this.random.nextBoolean();
			JsonNode payload = switch (this.random.nextInt(4)) {
				case 0 -> NODES.arrayNode();
				case 1 -> NODES.stringNode("presence");
				case 2 -> NODES.nullNode();
				default -> (state) ? badKeys() : badParts();
			};
			List<PresenceChange> changes = (state) ? this.presence.syncState(payload) : this.presence.syncDiff(payload);
			assertThat(this.presence.malformedEntries()).as(where()).isPositive();
			if (state && payload.isObject()) {
				// a state whose keys are all malformed is an empty state
				this.model.clear();
			}
			return changes;
		}

		private static JsonNode badKeys() {
			ObjectNode state = NODES.objectNode();
			state.putObject("alice").put("metas", "none");
			state.putObject("bob").putArray("metas").addObject().put("typing", true);
			return state;
		}

		private static JsonNode badParts() {
			ObjectNode diff = NODES.objectNode();
			diff.put("joins", "alice");
			diff.putArray("leaves");
			return diff;
		}

		private void check(List<User> before, List<PresenceChange> changes) {
			List<User> after = this.presence.users();
			assertThat(after).as(where()).isEqualTo(modelUsers());
			assertThat(this.presence.count()).as(where()).isEqualTo(after.size());
			assertThat(changes).as(where()).isSortedAccordingTo(PresenceModelUnitTests::order);
			Map<String, Boolean> replayed = new TreeMap<>();
			before.forEach((user) -> replayed.put(user.username(), user.typing()));
			for (PresenceChange change : changes) {
				assertThat(change.username()).as(where()).isNotEqualTo(HIDDEN);
				if (change instanceof Left left) {
					assertThat(replayed.remove(left.username())).as(where() + " %s", change).isNotNull();
				}
				else if (change instanceof Joined joined) {
					assertThat(replayed.put(joined.username(), joined.user().typing())).as(where() + " %s", change)
						.isNull();
					assertThat(after).as(where()).contains(joined.user());
				}
				else if (change instanceof TypingChanged typingChanged) {
					assertThat(replayed.put(typingChanged.username(), typingChanged.typing()))
						.as(where() + " %s", change)
						.isEqualTo(!typingChanged.typing());
				}
			}
			Map<String, Boolean> expected = new TreeMap<>();
			after.forEach((user) -> expected.put(user.username(), user.typing()));
			assertThat(replayed).as(where()).isEqualTo(expected);
		}

		private List<User> modelUsers() {
			List<User> users = new ArrayList<>();
			new TreeMap<>(this.model).forEach((name, connections) -> {
				if (!name.equals(HIDDEN)) {
					boolean typing = connections.values()
						.stream()
						.anyMatch((value) -> value.isBoolean() && value.booleanValue());
					users.add(new User(name, typing, connections.size()));
				}
			});
			return users;
		}

		private String connect(String name) {
			String ref = nextRef();
			this.model.computeIfAbsent(name, (key) -> new LinkedHashMap<>()).put(ref, typingValue());
			return ref;
		}

		private String[] existingConnection() {
			List<String[]> all = new ArrayList<>();
			new TreeMap<>(this.model).forEach(
					(name, connections) -> connections.keySet().forEach((ref) -> all.add(new String[] { name, ref })));
			return all.isEmpty() ? null : all.get(this.random.nextInt(all.size()));
		}

		private String name() {
			return NAMES.get(this.random.nextInt(NAMES.size()));
		}

		private String nextRef() {
			return "ref" + (++this.refs) + "=";
		}

		private JsonNode typingValue() {
			return switch (this.random.nextInt(5)) {
				case 0, 1 -> NODES.booleanNode(false);
				case 2, 3 -> NODES.booleanNode(true);
				default -> NODES.stringNode("yes");
			};
		}

		private static ArrayNode metas(ObjectNode presences, String name) {
			JsonNode presence = presences.get(name);
			if (presence == null) {
				return presences.putObject(name).putArray("metas");
			}
			return (ArrayNode) presence.get("metas");
		}

		private static void meta(ArrayNode metas, String ref, String previousRef, JsonNode typing) {
			ObjectNode meta = metas.addObject();
			meta.put("phx_ref", ref);
			if (previousRef != null) {
				meta.put("phx_ref_prev", previousRef);
			}
			meta.set("typing", typing);
			meta.put("username", "any");
		}

		private String where() {
			return "seed " + this.seed + ", step " + this.step;
		}

	}

	/**
	 * The documented order: leaves, then joins, then typing changes, each by username.
	 */
	private static int order(PresenceChange left, PresenceChange right) {
		int byKind = Integer.compare(rank(left), rank(right));
		return (byKind != 0) ? byKind : left.username().compareTo(right.username());
	}

	private static int rank(PresenceChange change) {
		if (change instanceof Left) {
			return 0;
		}
		return (change instanceof Joined) ? 1 : 2;
	}

}
