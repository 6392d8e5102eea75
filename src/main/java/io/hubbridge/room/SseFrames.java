package io.hubbridge.room;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes event data as Server-Sent Events frames. JSON never holds a raw line break, so
 * each event is a single {@code data:} line whatever the text it carries.
 */
public final class SseFrames {

	private final JsonMapper jsonMapper;

	public SseFrames(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	public byte[] event(EventId id, EventType type, Object data) {
		String json = this.jsonMapper.writeValueAsString(data);
		String frame = "id: " + id + "\nevent: " + type.wireName() + "\ndata: " + json + "\n\n";
		return frame.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A frame in read-only native memory. Sockets take it without a copy, and many
	 * subscribers can write duplicates of it at once; the collector frees it.
	 */
	public static ByteBuffer wire(byte[] frame) {
		ByteBuffer wire = ByteBuffer.allocateDirect(frame.length).put(frame);
		return wire.flip().asReadOnlyBuffer();
	}

	/**
	 * A frame as one chunk of an HTTP/1.1 chunked body ({@code size CRLF frame CRLF}) in
	 * read-only native memory; an empty frame stays empty, since an empty chunk would end
	 * the body.
	 */
	static ByteBuffer chunk(byte[] frame) {
		if (frame.length == 0) {
			return wire(frame);
		}
		byte[] size = (Integer.toHexString(frame.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
		ByteBuffer chunk = ByteBuffer.allocateDirect(size.length + frame.length + 2)
			.put(size)
			.put(frame)
			.put((byte) '\r')
			.put((byte) '\n');
		return chunk.flip().asReadOnlyBuffer();
	}

	/** The frame inside its {@link #chunk(byte[])}, sharing its memory. */
	static ByteBuffer frameOf(ByteBuffer chunk, int frameLength) {
		int start = chunk.remaining() - frameLength - ((frameLength == 0) ? 0 : 2);
		return chunk.slice(start, frameLength);
	}

	/** A comment line, which clients ignore and proxies see as traffic. */
	public static byte[] comment(String text) {
		return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	/** The reconnection delay hint that starts every stream. */
	public static byte[] retry(long millis) {
		return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

}
