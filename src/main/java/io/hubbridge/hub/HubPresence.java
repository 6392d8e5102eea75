package io.hubbridge.hub;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phoenix.Presence payloads as Hub sends them: metas, {@code presence_state} and
 * {@code presence_diff}, with keys in Elixir's order.
 */
final class HubPresence {

	static final String STATE = "presence_state";

	static final String DIFF = "presence_diff";

	private static final SecureRandom random = new SecureRandom();

	private HubPresence() {
	}

	/** A new {@code phx_ref}: eight random bytes in Base64, as Phoenix makes them. */
	static String newPhxRef() {
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	/**
	 * A meta {@code {"phx_ref", "phx_ref_prev"?, "typing", "username"}}; the values are
	 * stored as the client sent them.
	 */
	static ObjectNode meta(@Nullable String previousPhxRef, JsonNode typing, JsonNode username) {
		ObjectNode meta = HubJson.NODES.objectNode();
		meta.put("phx_ref", newPhxRef());
		if (previousPhxRef != null) {
			meta.put("phx_ref_prev", previousPhxRef);
		}
		meta.set("typing", HubJson.sorted(typing));
		meta.set("username", HubJson.sorted(username));
		return meta;
	}

	static String phxRef(ObjectNode meta) {
		return meta.get("phx_ref").stringValue();
	}

	/** {@code {KEY: {"metas": [...]}}} for the channels given in join order. */
	static ObjectNode state(Collection<JoinedChannel> channels) {
		Map<String, List<ObjectNode>> metasByKey = new TreeMap<>(HubJson.ELIXIR_KEY_ORDER);
		for (JoinedChannel channel : channels) {
			String key = channel.presenceKey();
			ObjectNode meta = channel.meta();
			if (key != null && meta != null) {
				metasByKey.computeIfAbsent(key, (k) -> new ArrayList<>()).add(meta);
			}
		}
		ObjectNode state = HubJson.NODES.objectNode();
		metasByKey.forEach((key, metas) -> state.set(key, metas(metas)));
		return state;
	}

	/**
	 * {@code {"joins": {KEY: {"metas": [joined]}}, "leaves": {KEY: {"metas": [left]}}}}.
	 */
	static ObjectNode diff(String key, @Nullable ObjectNode joined, @Nullable ObjectNode left) {
		ObjectNode diff = HubJson.NODES.objectNode();
		ObjectNode joins = diff.putObject("joins");
		ObjectNode leaves = diff.putObject("leaves");
		if (joined != null) {
			joins.set(key, metas(List.of(joined)));
		}
		if (left != null) {
			leaves.set(key, metas(List.of(left)));
		}
		return diff;
	}

	private static ObjectNode metas(List<ObjectNode> metas) {
		ObjectNode entry = HubJson.NODES.objectNode();
		ArrayNode list = entry.putArray("metas");
		metas.forEach(list::add);
		return entry;
	}

}
