package io.hubbridge.room;

import io.hubbridge.room.event.ShoutEvent;

/**
 * A shout as the room saw it, with the id of its event.
 *
 * @param id the shout event's id
 * @param shout the shout
 */
public record RecentShout(String id, ShoutEvent shout) {

}
