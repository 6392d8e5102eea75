package io.hubbridge.api;

import java.util.regex.Pattern;

import io.hubbridge.config.BridgeProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What room names, shout names and shout bodies may hold. The configurable rules
 * ({@code bridge.validation.*}) come on top of what Hub needs whatever is configured: Hub
 * stores room names and shout names in 255-character columns, and a NUL (or text it
 * cannot encode, such as an unpaired surrogate) fails its insert, which crashes the
 * room's channel on Hub and loses the shout. Such input is refused before it reaches Hub.
 */
@Component
final class InputRules {

	/** What Hub's columns hold; no configuration goes beyond it. */
	static final int HUB_MAX_LENGTH = 255;

	private final Pattern roomPattern;

	private final int maxRoomLength;

	private final int maxNameLength;

	private final int maxBodyLength;

	InputRules(BridgeProperties properties) {
		BridgeProperties.Validation validation = properties.validation();
		this.roomPattern = Pattern.compile(validation.roomPattern());
		this.maxRoomLength = Math.min(validation.maxRoomLength(), HUB_MAX_LENGTH);
		this.maxNameLength = Math.min(validation.maxNameLength(), HUB_MAX_LENGTH);
		this.maxBodyLength = validation.maxBodyLength();
	}

	/**
	 * @throws InvalidRequestException naming the field {@code room} when the room name is
	 * not acceptable
	 */
	void checkRoom(String room) {
		String problem = roomProblem(room);
		if (problem != null) {
			throw InvalidRequestException.field("room", problem);
		}
	}

	@Nullable String roomProblem(String room) {
		String problem = nameProblem(room, this.maxRoomLength, "bridge.validation.max-room-length");
		if (problem != null) {
			return problem;
		}
		if (!this.roomPattern.matcher(room).matches()) {
			return "must match the pattern " + this.roomPattern.pattern() + " (bridge.validation.room-pattern)";
		}
		return null;
	}

	@Nullable String shoutNameProblem(String name) {
		return nameProblem(name, this.maxNameLength, "bridge.validation.max-name-length");
	}

	@Nullable String bodyProblem(String body) {
		if (body.isEmpty()) {
			return "must not be empty";
		}
		int length = body.codePointCount(0, body.length());
		if (length > this.maxBodyLength) {
			return "must be at most " + this.maxBodyLength + " characters, not " + length
					+ " (bridge.validation.max-body-length)";
		}
		return Texts.problem(body, true);
	}

	private static @Nullable String nameProblem(String name, int maxLength, String property) {
		if (name.isEmpty()) {
			return "must not be empty";
		}
		int length = name.codePointCount(0, name.length());
		if (length > maxLength) {
			String why = (maxLength == HUB_MAX_LENGTH) ? "Hub stores it in a 255-character column" : property;
			return "must be at most " + maxLength + " characters, not " + length + " (" + why + ")";
		}
		return Texts.problem(name, false);
	}

}
