package io.hubbridge.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The request a log line is about, as fields of its own in structured logs:
 * {@code request} (method and path), {@code requestId} (the id the access log and
 * Spring's own lines show) and, for a room's endpoints, {@code room}.
 */
final class RequestLogContext {

	private static final Pattern ROOM_PATH = Pattern.compile("^/api/rooms/([^/]+)(/.*)?$");

	private RequestLogContext() {
	}

	static LoggingEventBuilder with(LoggingEventBuilder line, ServerHttpRequest request) {
		String path = request.getPath().value();
		line.addKeyValue("request", request.getMethod() + " " + path).addKeyValue("requestId", request.getId());
		Matcher room = ROOM_PATH.matcher(path);
		return room.matches() ? line.addKeyValue("room", room.group(1)) : line;
	}

}
