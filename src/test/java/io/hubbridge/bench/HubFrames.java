package io.hubbridge.bench;

import org.jspecify.annotations.Nullable;

/**
 * Phoenix V1 frames of the websocket baseline, written and read as text without a JSON
 * parser: Hub writes V1 frames with their keys sorted
 * ({@code {"event":…,"payload":…,"ref":…,"topic":…}}), so a frame's first {@code "event"}
 * key is its own, ahead of any in the payload.
 */
final class HubFrames {

	private static final String EVENT_FIELD = "\"event\":\"";

	/** What {@link #event} answers for text that is not a frame. */
	static final String NONE = "";

	private HubFrames() {
	}

	/**
	 * A {@code phx_join} of {@code room:ROOM} as {@code username}, with ref {@code ref}.
	 */
	static String join(String room, String username, String ref) {
		return "{\"topic\":\"room:" + room + "\",\"event\":\"phx_join\",\"payload\":{\"username\":\"" + username
				+ "\"},\"ref\":\"" + ref + "\"}";
	}

	/** A heartbeat: Hub closes a socket that sends nothing for 45 s. */
	static String heartbeat() {
		return "{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\"hb\"}";
	}

	/** The frame's event, or {@link #NONE}. */
	static String event(String frame) {
		int start = frame.indexOf(EVENT_FIELD);
		if (start < 0) {
			return NONE;
		}
		start += EVENT_FIELD.length();
		int end = frame.indexOf('"', start);
		return (end < 0) ? NONE : frame.substring(start, end);
	}

	/**
	 * For a {@code phx_reply} to {@code ref}: true if its status is {@code ok}, false if
	 * not; null for any other frame.
	 */
	static @Nullable Boolean replyOk(String frame, String ref) {
		if (!event(frame).equals("phx_reply") || !frame.contains("\"ref\":\"" + ref + "\"")) {
			return null;
		}
		return frame.contains("\"status\":\"ok\"");
	}

}
