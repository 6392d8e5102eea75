package io.hubbridge.bench;

/**
 * A benchmark shout's body: {@code "<sequence> <send time in ns>"}, padded with {@code x}
 * to a chosen size, and read back out of a {@code shout} event's data without parsing the
 * JSON: digits only, so nothing in it is ever escaped.
 */
final class ShoutBody {

	private static final String BODY_FIELD = "\"body\":\"";

	/** What {@link #parse} answers for data that holds no benchmark shout. */
	static final long NONE = -1;

	private ShoutBody() {
	}

	static String format(int sequence, long sentNanos, int minLength) {
		StringBuilder body = new StringBuilder(Math.max(minLength, 32));
		body.append(sequence).append(' ').append(sentNanos);
		while (body.length() < minLength) {
			body.append('x');
		}
		return body.toString();
	}

	/**
	 * The sequence in a shout event's data (a string, or bytes seen as
	 * {@link io.netty.util.AsciiString}), or {@link #NONE}.
	 */
	static long sequence(CharSequence data) {
		int start = indexOf(data, BODY_FIELD, 0);
		return (start < 0) ? NONE : digits(data, start + BODY_FIELD.length(), ' ');
	}

	/** The send time in a shout event's data, or {@link #NONE}. */
	static long sentNanos(CharSequence data) {
		int start = indexOf(data, BODY_FIELD, 0);
		if (start < 0) {
			return NONE;
		}
		int space = indexOf(data, " ", start + BODY_FIELD.length());
		return (space < 0) ? NONE : digits(data, space + 1, 'x', '"');
	}

	static int indexOf(CharSequence text, String part, int from) {
		int last = text.length() - part.length();
		for (int i = from; i <= last; i++) {
			int j = 0;
			while (j < part.length() && text.charAt(i + j) == part.charAt(j)) {
				j++;
			}
			if (j == part.length()) {
				return i;
			}
		}
		return -1;
	}

	private static long digits(CharSequence data, int from, char... terminators) {
		long value = 0;
		int i = from;
		while (i < data.length()) {
			char c = data.charAt(i);
			if (c >= '0' && c <= '9') {
				value = value * 10 + (c - '0');
				i++;
				continue;
			}
			for (char terminator : terminators) {
				if (c == terminator && i > from) {
					return value;
				}
			}
			return NONE;
		}
		return NONE;
	}

}
