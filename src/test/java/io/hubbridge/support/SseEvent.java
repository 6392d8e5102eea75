package io.hubbridge.support;

import org.jspecify.annotations.Nullable;

/**
 * One event of a Server-Sent Events stream, as a browser's {@code EventSource} would
 * dispatch it.
 *
 * @param id the last event id in force when the event was dispatched
 * @param event the event type ({@code message} when none was given)
 * @param data the data lines joined with line feeds
 */
public record SseEvent(@Nullable String id, String event, String data) {

}
