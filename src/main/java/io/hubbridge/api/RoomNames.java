package io.hubbridge.api;

/**
 * What Hub can take as a room name and a shout's name: Hub stores both in 255-character
 * columns and a NUL character fails its insert, which crashes the room's channel on Hub
 * and loses the shout. Such input is refused before it reaches Hub.
 */
final class RoomNames {

	static final int MAX_LENGTH = 255;

	private RoomNames() {
	}

	/**
	 * @throws InvalidRequestException naming {@code field} when the text is not
	 * acceptable
	 */
	static void check(String field, String text) {
		String problem = problem(text);
		if (problem != null) {
			throw InvalidRequestException.field(field, problem);
		}
	}

	static String problem(String text) {
		if (text.isEmpty()) {
			return "must not be empty";
		}
		if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters (Hub stores it in a 255-character column)";
		}
		if (text.indexOf('\0') >= 0) {
			return "must not contain NUL characters (Hub cannot store them)";
		}
		return null;
	}

}
