package io.hubbridge.room.event;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The bridge is shutting down: the last event of every stream, which then ends.
 *
 * @param room the room
 * @param reason why the stream ends
 * @param retryAfterMs how long the client should wait before it reconnects (with
 * {@code Last-Event-ID}), in milliseconds; the event also carries it as its
 * {@code retry:} hint
 */
@Schema(name = "ShutdownEvent",
		description = "Data of the `shutdown` event: the bridge is shutting down and this is the stream's last "
				+ "event; reconnect after `retryAfterMs` (the event sets the same `retry:` hint), with "
				+ "`Last-Event-ID`, and a load balancer sends the client to another replica.",
		example = """
				{"room":"lobby","reason":"shutting-down","retryAfterMs":5000}""")
public record ShutdownEvent(String room, @Schema(allowableValues = "shutting-down") String reason, long retryAfterMs) {

	/** The reason given when the bridge shuts down. */
	public static final String SHUTTING_DOWN = "shutting-down";

}
