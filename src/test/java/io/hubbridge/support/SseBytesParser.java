package io.hubbridge.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * {@link SseParser} for bytes, for tests that read many or large streams: the same rules
 * (lines end with CR, LF or CRLF; {@code :} starts a comment; {@code id}, {@code event},
 * {@code data}, {@code retry}; a blank line dispatches), scanning bytes and decoding
 * UTF-8 once per field. Line breaks never occur inside a UTF-8 sequence, so chunks may
 * split the stream anywhere. Comments are counted, not kept.
 */
public final class SseBytesParser {

	private static final byte[] DATA = ascii("data");

	private static final byte[] ID = ascii("id");

	private static final byte[] EVENT = ascii("event");

	private byte[] scratch = new byte[8192];

	private byte[] line = new byte[1024];

	private int lineLength;

	private byte[] data = new byte[1024];

	private int dataLength;

	private boolean hasData;

	private boolean pendingCr;

	private @Nullable String lastEventId;

	private @Nullable String eventType;

	private long comments;

	private @Nullable String lastComment;

	/** Feed a chunk of the stream; returns the events it completed. */
	public List<SseEvent> feed(ByteBuf chunk) {
		int length = chunk.readableBytes();
		if (this.scratch.length < length) {
			this.scratch = new byte[Math.max(length, this.scratch.length * 2)];
		}
		chunk.getBytes(chunk.readerIndex(), this.scratch, 0, length);
		return feed(this.scratch, 0, length);
	}

	/** Feed a chunk of the stream; returns the events it completed. */
	public List<SseEvent> feed(byte[] bytes, int offset, int length) {
		List<SseEvent> events = new ArrayList<>(2);
		int end = offset + length;
		int i = offset;
		while (i < end) {
			if (this.pendingCr) {
				this.pendingCr = false;
				if (bytes[i] == '\n') {
					i++;
					continue;
				}
			}
			int lineEnd = i;
			while (lineEnd < end && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
				lineEnd++;
			}
			appendToLine(bytes, i, lineEnd - i);
			if (lineEnd == end) {
				break;
			}
			this.pendingCr = (bytes[lineEnd] == '\r');
			processLine(events);
			this.lineLength = 0;
			i = lineEnd + 1;
		}
		return events;
	}

	private void appendToLine(byte[] bytes, int from, int count) {
		if (this.lineLength + count > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(this.lineLength + count, this.line.length * 2));
		}
		System.arraycopy(bytes, from, this.line, this.lineLength, count);
		this.lineLength += count;
	}

	private void processLine(List<SseEvent> events) {
		if (this.lineLength == 0) {
			dispatch(events);
			return;
		}
		if (this.line[0] == ':') {
			this.comments++;
			this.lastComment = new String(this.line, 1, this.lineLength - 1, StandardCharsets.UTF_8).strip();
			return;
		}
		int colon = indexOfColon();
		int fieldLength = (colon >= 0) ? colon : this.lineLength;
		int valueStart = (colon >= 0) ? colon + 1 : this.lineLength;
		if (valueStart < this.lineLength && this.line[valueStart] == ' ') {
			valueStart++;
		}
		int valueLength = this.lineLength - valueStart;
		if (fieldIs(DATA, fieldLength)) {
			appendData(valueStart, valueLength);
		}
		else if (fieldIs(ID, fieldLength)) {
			String id = new String(this.line, valueStart, valueLength, StandardCharsets.UTF_8);
			if (id.indexOf('\0') < 0) {
				this.lastEventId = id;
			}
		}
		else if (fieldIs(EVENT, fieldLength)) {
			this.eventType = new String(this.line, valueStart, valueLength, StandardCharsets.UTF_8);
		}
		// retry and unknown fields are ignored here
	}

	private int indexOfColon() {
		for (int i = 0; i < this.lineLength; i++) {
			if (this.line[i] == ':') {
				return i;
			}
		}
		return -1;
	}

	private boolean fieldIs(byte[] name, int fieldLength) {
		return fieldLength == name.length && Arrays.equals(this.line, 0, fieldLength, name, 0, name.length);
	}

	private void appendData(int from, int count) {
		if (this.dataLength + count + 1 > this.data.length) {
			this.data = Arrays.copyOf(this.data, Math.max(this.dataLength + count + 1, this.data.length * 2));
		}
		System.arraycopy(this.line, from, this.data, this.dataLength, count);
		this.dataLength += count;
		this.data[this.dataLength++] = '\n';
		this.hasData = true;
	}

	private void dispatch(List<SseEvent> events) {
		if (this.hasData) {
			String text = new String(this.data, 0, this.dataLength - 1, StandardCharsets.UTF_8);
			events.add(new SseEvent(this.lastEventId, (this.eventType != null) ? this.eventType : "message", text));
		}
		this.dataLength = 0;
		this.hasData = false;
		this.eventType = null;
	}

	/** How many comment lines the stream carried so far. */
	public long comments() {
		return this.comments;
	}

	public @Nullable String lastComment() {
		return this.lastComment;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
