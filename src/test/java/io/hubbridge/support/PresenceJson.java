package io.hubbridge.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Reads the bridge's presence snapshots in tests. */
public final class PresenceJson {

	private PresenceJson() {
	}

	/** The usernames of a presence snapshot, in its order. */
	public static List<String> usernames(JsonNode presence) {
		List<String> names = new ArrayList<>();
		presence.get("users").forEach((user) -> names.add(user.get("username").stringValue()));
		return names;
	}

}
