package io.hubbridge.bench.micro;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;

/**
 * Frames and payloads as Hub sends them, for the microbenchmarks. The shout and the
 * typing diff are copied from the captured transcripts ({@code protocol/transcripts/}
 * {@code e_shout.txt} and {@code d_typing.txt}); the large presence states repeat the
 * transcripts' meta shape ({@code phx_ref}, {@code typing}, {@code username}) per user.
 */
public final class HubFrames {

	public static final String TOPIC = "room:lobby";

	/** A shout broadcast, as in {@code e_shout.txt}. */
	public static final String SHOUT_PAYLOAD = "{\"body\":\"hello\",\"channel\":\"lobby\",\"extra_field\":\"x\",\"name\":\"robin\"}";

	/**
	 * A user starting to type, as in {@code d_typing.txt}: the key joins with a new meta
	 * and leaves with its old one.
	 */
	public static final String TYPING_DIFF_PAYLOAD = "{\"joins\":{\"robin2\":{\"metas\":[{\"phx_ref\":\"DB6/Gkgi5pU=\","
			+ "\"phx_ref_prev\":\"nPqkd7PuWlg=\",\"typing\":true,\"username\":\"robin2\"}]}},"
			+ "\"leaves\":{\"robin2\":{\"metas\":[{\"phx_ref\":\"nPqkd7PuWlg=\",\"typing\":false,\"username\":\"robin2\"}]}}}";

	private HubFrames() {
	}

	/**
	 * A V1 (object) frame as Hub writes a broadcast: {@code event, payload, ref, topic}.
	 */
	public static String v1(String event, String payload) {
		return "{\"event\":\"" + event + "\",\"payload\":" + payload + ",\"ref\":null,\"topic\":\"" + TOPIC + "\"}";
	}

	/**
	 * A V2 (array) frame as Hub writes a broadcast:
	 * {@code [null, null, topic, event, payload]}.
	 */
	public static String v2(String event, String payload) {
		return "[null,null,\"" + TOPIC + "\",\"" + event + "\"," + payload + "]";
	}

	/** The name of user {@code i}: {@code user-0000} and so on. */
	public static String username(int i) {
		return String.format(Locale.ROOT, "user-%04d", i);
	}

	/**
	 * A {@code phx_ref} of the shape Phoenix gives (base64 of 8 bytes), distinct per
	 * {@code seed}.
	 */
	public static String phxRef(long seed) {
		byte[] bytes = ByteBuffer.allocate(Long.BYTES).putLong(seed * 0x9E3779B97F4A7C15L).array();
		return Base64.getEncoder().encodeToString(bytes);
	}

	/**
	 * One key's presence:
	 * {@code {"metas":[{"phx_ref":...,"typing":...,"username":...}]}}.
	 */
	public static String presence(String username, String phxRef, boolean typing) {
		return "{\"metas\":[{\"phx_ref\":\"" + phxRef + "\",\"typing\":" + typing + ",\"username\":\"" + username
				+ "\"}]}";
	}

	/**
	 * A {@code presence_state} payload of users {@code from} (inclusive) to {@code to}
	 * (exclusive), one connection each, not typing.
	 */
	public static String presenceState(int from, int to) {
		StringBuilder state = new StringBuilder("{");
		for (int i = from; i < to; i++) {
			if (i > from) {
				state.append(',');
			}
			state.append('"').append(username(i)).append("\":").append(presence(username(i), phxRef(i), false));
		}
		return state.append('}').toString();
	}

	/**
	 * A {@code presence_diff} payload in which users {@code joinFrom..joinTo} join and
	 * users {@code leaveFrom..leaveTo} leave (each range exclusive of its end).
	 */
	public static String presenceDiff(int joinFrom, int joinTo, int leaveFrom, int leaveTo) {
		return "{\"joins\":" + presenceState(joinFrom, joinTo) + ",\"leaves\":" + presenceState(leaveFrom, leaveTo)
				+ "}";
	}

}
