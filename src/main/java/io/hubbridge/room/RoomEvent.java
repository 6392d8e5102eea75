package io.hubbridge.room;

import java.nio.ByteBuffer;
import java.time.Instant;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One event of a room, serialized once into its Server-Sent Events frame and shared by
 * every subscriber and the replay buffer.
 *
 * @param id the event's id
 * @param type the event's type
 * @param at when the room emitted it
 * @param sse the complete {@code id:/event:/data:} frame in UTF-8, ending with a blank
 * line
 * @param wire the same frame in read-only native memory, written as it is to every
 * subscriber's socket (a duplicate each, for its own position)
 * @param chunk the same memory with the frame framed as one chunk of an HTTP/1.1 chunked
 * body, for streams written past Netty's HTTP encoder; never released (a duplicate each),
 * the collector frees it
 */
public record RoomEvent(EventId id, EventType type, Instant at, byte[] sse, ByteBuffer wire, ByteBuf chunk) {

	public RoomEvent(EventId id, EventType type, Instant at, byte[] sse) {
		this(id, type, at, sse, SseFrames.chunk(sse));
	}

	private RoomEvent(EventId id, EventType type, Instant at, byte[] sse, ByteBuffer chunk) {
		this(id, type, at, sse, SseFrames.frameOf(chunk, sse.length),
				Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(chunk)));
	}

}
