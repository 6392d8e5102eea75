package io.hubbridge.support;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An incremental parser of {@code text/event-stream} as the HTML standard defines it:
 * lines end with CR, LF or CRLF; {@code :} starts a comment; {@code id}, {@code event},
 * {@code data}, {@code retry} fields; a blank line dispatches. Comments and retry values
 * are recorded so tests can check them.
 */
public final class SseParser {

	private final StringBuilder line = new StringBuilder();

	private final StringBuilder data = new StringBuilder();

	private final List<String> comments = new ArrayList<>();

	private @Nullable String lastEventId;

	private @Nullable String eventType;

	private boolean hasData;

	private boolean pendingCr;

	private @Nullable Long retry;

	/** Feed a chunk of the stream; returns the events it completed. */
	public List<SseEvent> feed(String chunk) {
		List<SseEvent> events = new ArrayList<>();
		for (int i = 0; i < chunk.length(); i++) {
			char c = chunk.charAt(i);
			if (this.pendingCr) {
				this.pendingCr = false;
				if (c == '\n') {
					continue;
				}
			}
			if (c == '\r' || c == '\n') {
				this.pendingCr = (c == '\r');
				processLine(this.line.toString(), events);
				this.line.setLength(0);
			}
			else {
				this.line.append(c);
			}
		}
		return events;
	}

	private void processLine(String text, List<SseEvent> events) {
		if (text.isEmpty()) {
			dispatch(events);
			return;
		}
		if (text.startsWith(":")) {
			this.comments.add(text.substring(1).strip());
			return;
		}
		int colon = text.indexOf(':');
		String field = (colon >= 0) ? text.substring(0, colon) : text;
		String value = (colon >= 0) ? text.substring(colon + 1) : "";
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "event" -> this.eventType = value;
			case "data" -> {
				this.data.append(value).append('\n');
				this.hasData = true;
			}
			case "id" -> {
				if (value.indexOf('\0') < 0) {
					this.lastEventId = value;
				}
			}
			case "retry" -> this.retry = Long.parseLong(value);
			default -> {
				// unknown fields are ignored, as browsers do
			}
		}
	}

	private void dispatch(List<SseEvent> events) {
		if (this.hasData) {
			String text = this.data.substring(0, this.data.length() - 1);
			events.add(new SseEvent(this.lastEventId, (this.eventType != null) ? this.eventType : "message", text));
		}
		this.data.setLength(0);
		this.hasData = false;
		this.eventType = null;
	}

	public List<String> comments() {
		return this.comments;
	}

	public @Nullable Long retry() {
		return this.retry;
	}

}
