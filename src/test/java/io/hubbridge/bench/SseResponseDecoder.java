package io.hubbridge.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import io.netty.buffer.ByteBuf;

/**
 * The tool's reader of one stream: the HTTP/1.1 response as its bytes arrive, in pieces
 * of any size — its head, a chunked body (or one that lasts until the connection ends),
 * and the event stream in the body, by the rules of the SSE specification (lines end with
 * CR, LF or CRLF; {@code :} starts a comment; {@code data} lines are joined with LF;
 * {@code event} names the type; a blank line dispatches an event with data). Each event
 * is handed on as its type and its data's bytes, without a string or an object per event:
 * at 200,000 deliveries a second, what the tool costs per event is what the machine has
 * less for the bridge.
 */
final class SseResponseDecoder {

	/** The event types the tool tells apart; any other is {@link #OTHER}. */
	enum Type {

		SHOUT, PRESENCE, UPSTREAM, OTHER

	}

	/** Where the events go; the data is only valid during the call. */
	interface Events {

		void event(Type type, byte[] data, int length);

	}

	private static final byte[] CRLF_CRLF = { '\r', '\n', '\r', '\n' };

	private static final byte[] DATA = ascii("data");

	private static final byte[] EVENT = ascii("event");

	private static final byte[][] TYPE_NAMES = { ascii("shout"), ascii("presence"), ascii("upstream") };

	private static final int MAX_HEAD = 16 * 1024;

	private enum State {

		HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE

	}

	private final Events events;

	private State state = State.HEAD;

	private byte[] head = new byte[512];

	private int headLength;

	private int status;

	/** Whether the chunk-size or trailer line being read has had anything but CR. */
	private boolean lineHasBytes;

	/** Whether the chunk-size line being read is past its size, in an extension. */
	private boolean inExtension;

	private long chunkRemaining;

	private byte[] line = new byte[512];

	private int lineLength;

	private boolean pendingCr;

	private byte[] data = new byte[512];

	private int dataLength;

	private boolean hasData;

	private Type type = Type.OTHER;

	/** What arrived, copied once: scanning an array is what the JIT makes fastest. */
	private byte[] scratch = new byte[16 * 1024];

	SseResponseDecoder(Events events) {
		this.events = events;
	}

	/** The response's status code, once its head was read; 0 before. */
	int status() {
		return this.status;
	}

	/** Whether the body is not chunked, so that the connection's close ends it. */
	boolean endsWithTheConnection() {
		return this.state == State.UNTIL_CLOSE;
	}

	/** Whether the body ended (its last chunk was read). */
	boolean ended() {
		return this.state == State.DONE;
	}

	/**
	 * Reads what arrived; does not release it.
	 * @throws IllegalStateException when the bytes are not an HTTP/1.1 response
	 */
	void feed(ByteBuf bytes) {
		int length = bytes.readableBytes();
		if (this.scratch.length < length) {
			this.scratch = new byte[Math.max(length, this.scratch.length * 2)];
		}
		bytes.getBytes(bytes.readerIndex(), this.scratch, 0, length);
		feed(this.scratch, 0, length);
	}

	/** Reads what arrived. */
	void feed(byte[] bytes, int offset, int length) {
		int index = offset;
		int end = offset + length;
		while (index < end && this.state != State.DONE) {
			index = switch (this.state) {
				case HEAD -> head(bytes, index, end);
				case CHUNK_SIZE -> chunkSize(bytes, index, end);
				case CHUNK_DATA -> chunkData(bytes, index, end);
				case CHUNK_END, TRAILERS -> lineEnd(bytes, index, end);
				case UNTIL_CLOSE -> body(bytes, index, end);
				case DONE -> end;
			};
		}
	}

	private int head(byte[] bytes, int index, int end) {
		int i = index;
		while (i < end) {
			byte b = bytes[i++];
			if (this.headLength == this.head.length) {
				if (this.headLength >= MAX_HEAD) {
					throw new IllegalStateException("response head longer than " + MAX_HEAD + " bytes");
				}
				this.head = Arrays.copyOf(this.head, this.head.length * 2);
			}
			this.head[this.headLength++] = b;
			if (this.headLength >= 4
					&& Arrays.equals(this.head, this.headLength - 4, this.headLength, CRLF_CRLF, 0, 4)) {
				readHead();
				return i;
			}
		}
		return i;
	}

	private void readHead() {
		String[] lines = new String(this.head, 0, this.headLength - 4, StandardCharsets.ISO_8859_1).split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
			throw new IllegalStateException("not an HTTP/1.x response: " + lines[0]);
		}
		this.status = Integer.parseInt(statusLine[1]);
		boolean chunked = false;
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("transfer-encoding")) {
				chunked = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT).endsWith("chunked");
			}
		}
		this.head = null;
		this.state = chunked ? State.CHUNK_SIZE : State.UNTIL_CLOSE;
	}

	private int chunkSize(byte[] bytes, int index, int end) {
		int i = index;
		while (i < end) {
			byte b = bytes[i++];
			if (b == '\n') {
				if (!this.lineHasBytes) {
					throw new IllegalStateException("a chunk without its size");
				}
				this.lineHasBytes = false;
				this.inExtension = false;
				this.state = (this.chunkRemaining == 0) ? State.TRAILERS : State.CHUNK_DATA;
				return i;
			}
			if (b == ';') {
				this.inExtension = true;
			}
			else if (!this.inExtension && b != '\r' && b != ' ' && b != '\t') {
				// read as it comes: a string per chunk would be one per event
				int digit = Character.digit(b, 16);
				if (digit < 0) {
					throw new IllegalStateException("not a chunk size: '" + (char) b + "'");
				}
				this.chunkRemaining = this.chunkRemaining * 16 + digit;
				this.lineHasBytes = true;
			}
		}
		return i;
	}

	private int chunkData(byte[] bytes, int index, int end) {
		int count = (int) Math.min(this.chunkRemaining, end - index);
		int i = body(bytes, index, index + count);
		this.chunkRemaining -= count;
		if (this.chunkRemaining == 0) {
			this.state = State.CHUNK_END;
		}
		return i;
	}

	/** The CRLF after a chunk's data, or a trailer line (an empty one ends the body). */
	private int lineEnd(byte[] bytes, int index, int end) {
		int i = index;
		while (i < end) {
			byte b = bytes[i++];
			if (b == '\n') {
				if (this.state == State.CHUNK_END) {
					this.state = State.CHUNK_SIZE;
				}
				else if (!this.lineHasBytes) {
					this.state = State.DONE;
				}
				this.lineHasBytes = false;
				return i;
			}
			if (b != '\r') {
				this.lineHasBytes = true;
			}
		}
		return i;
	}

	/** The event stream's bytes. */
	private int body(byte[] bytes, int index, int end) {
		int i = index;
		while (i < end) {
			byte b = bytes[i++];
			if (this.pendingCr) {
				this.pendingCr = false;
				if (b == '\n') {
					continue;
				}
			}
			if (b == '\n' || b == '\r') {
				this.pendingCr = (b == '\r');
				line();
				this.lineLength = 0;
				continue;
			}
			if (this.lineLength == this.line.length) {
				this.line = Arrays.copyOf(this.line, this.line.length * 2);
			}
			this.line[this.lineLength++] = b;
		}
		return i;
	}

	private void line() {
		if (this.lineLength == 0) {
			dispatch();
			return;
		}
		if (this.line[0] == ':') {
			return;
		}
		int colon = 0;
		while (colon < this.lineLength && this.line[colon] != ':') {
			colon++;
		}
		int valueStart = Math.min(colon + 1, this.lineLength);
		if (valueStart < this.lineLength && this.line[valueStart] == ' ') {
			valueStart++;
		}
		if (fieldIs(DATA, colon)) {
			appendData(valueStart);
		}
		else if (fieldIs(EVENT, colon)) {
			this.type = type(valueStart);
		}
		// id, retry and unknown fields: the tool needs none of them
	}

	private boolean fieldIs(byte[] name, int length) {
		return length == name.length && Arrays.equals(this.line, 0, length, name, 0, length);
	}

	private Type type(int valueStart) {
		int length = this.lineLength - valueStart;
		for (int i = 0; i < TYPE_NAMES.length; i++) {
			byte[] name = TYPE_NAMES[i];
			if (length == name.length && Arrays.equals(this.line, valueStart, this.lineLength, name, 0, length)) {
				return Type.values()[i];
			}
		}
		return Type.OTHER;
	}

	private void appendData(int valueStart) {
		int count = this.lineLength - valueStart;
		if (this.dataLength + count + 1 > this.data.length) {
			this.data = Arrays.copyOf(this.data, Math.max(this.dataLength + count + 1, this.data.length * 2));
		}
		if (this.hasData) {
			this.data[this.dataLength++] = '\n';
		}
		System.arraycopy(this.line, valueStart, this.data, this.dataLength, count);
		this.dataLength += count;
		this.hasData = true;
	}

	private void dispatch() {
		if (this.hasData) {
			// without an event field, a "message": OTHER
			this.events.event(this.type, this.data, this.dataLength);
		}
		this.dataLength = 0;
		this.hasData = false;
		this.type = Type.OTHER;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
