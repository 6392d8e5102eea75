package io.hubbridge.room;

import java.time.Instant;

/**
 * One event of a room, serialized once into its Server-Sent Events frame and shared by
 * every subscriber and the replay buffer.
 *
 * @param id the event's id
 * @param type the event's type
 * @param at when the room emitted it
 * @param sse the complete {@code id:/event:/data:} frame in UTF-8, ending with a blank
 * line
 */
public record RoomEvent(EventId id, EventType type, Instant at, byte[] sse) {

}
