package io.hubbridge.room.presence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code presence_state} and {@code presence_diff} frames one connection of a
 * captured transcript received, in order, V1 or V2.
 */
final class TranscriptPresenceFrames {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private TranscriptPresenceFrames() {
	}

	/** A presence frame's event and payload. */
	record Frame(String event, JsonNode payload) {

		List<PresenceChange> applyTo(Presence presence) {
			return "presence_state".equals(this.event) ? presence.syncState(this.payload)
					: presence.syncDiff(this.payload);
		}

	}

	static List<Frame> receivedBy(String transcript, String connection) {
		String marker = "[" + connection + "] << TEXT ";
		List<Frame> frames = new ArrayList<>();
		for (String line : read(transcript).split("\n")) {
			int at = line.indexOf(marker);
			if (at < 0) {
				continue;
			}
			JsonNode frame = MAPPER.readTree(line.substring(at + marker.length()));
			String event = frame.isArray() ? frame.get(3).stringValue() : frame.get("event").stringValue();
			JsonNode payload = frame.isArray() ? frame.get(4) : frame.get("payload");
			if (event.startsWith("presence_")) {
				frames.add(new Frame(event, payload));
			}
		}
		return frames;
	}

	private static String read(String transcript) {
		String path = "/protocol/transcripts/" + transcript;
		try (InputStream in = TranscriptPresenceFrames.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalArgumentException("no transcript " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
