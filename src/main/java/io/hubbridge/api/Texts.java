package io.hubbridge.api;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Characters that must never reach Hub in a name or a body: NUL (Hub cannot store it),
 * control characters, and unpaired surrogates (a JSON escape such as {@code \uD800} that
 * is no character: not encodable as UTF-8, so Hub cannot store it either).
 */
final class Texts {

	private Texts() {
	}

	/**
	 * What is wrong with the text, naming the first offending character and its position,
	 * or {@code null}.
	 * @param lineBreaksAllowed whether tab, line feed and carriage return are allowed
	 */
	static @Nullable String problem(String text, boolean lineBreaksAllowed) {
		int index = 0;
		for (int i = 0; i < text.length(); index++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i += 2;
				continue;
			}
			if (Character.isSurrogate(c)) {
				return "must not contain unpaired surrogates (" + codePoint(c) + " at character " + index
						+ "); text must be valid Unicode, which Hub can store";
			}
			if (c == '\0') {
				return "must not contain NUL characters (U+0000 at character " + index + "); Hub cannot store them";
			}
			if (Character.getType(c) == Character.CONTROL && !(lineBreaksAllowed && isLineBreakOrTab(c))) {
				return (lineBreaksAllowed
						? "must not contain control characters other than tab, line feed and carriage return"
						: "must not contain control characters") + " (" + codePoint(c) + " at character " + index + ")";
			}
			i++;
		}
		return null;
	}

	private static boolean isLineBreakOrTab(char c) {
		return c == '\t' || c == '\n' || c == '\r';
	}

	private static String codePoint(char c) {
		return String.format(Locale.ROOT, "U+%04X", (int) c);
	}

}
