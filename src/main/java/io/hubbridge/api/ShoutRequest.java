package io.hubbridge.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.hubbridge.api.InvalidRequestException.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * A shout to post: who says it and what. Read from JSON strictly: both fields must be
 * JSON strings (a number is never turned into text), and no other field is accepted.
 *
 * @param name who shouts; at most 255 characters, no NUL
 * @param body what is shouted; not empty, no control characters but tab, line feed and
 * carriage return
 */
@Schema(name = "ShoutRequest", description = "A shout to post into the room.", example = """
		{"name":"robin","body":"hello from curl"}""")
public record ShoutRequest(@Schema(maxLength = 255, minLength = 1) String name, @Schema(minLength = 1) String body) {

	private static final Set<String> FIELDS = Set.of("name", "body");

	/**
	 * @throws InvalidRequestException listing every field that is wrong
	 */
	static ShoutRequest from(JsonNode json) {
		if (!json.isObject()) {
			throw InvalidRequestException.field("$", "must be a JSON object with \"name\" and \"body\"");
		}
		List<FieldError> errors = new ArrayList<>();
		for (String field : json.propertyNames()) {
			if (!FIELDS.contains(field)) {
				errors.add(new FieldError(field, "is not a field of a shout (expected \"name\" and \"body\")"));
			}
		}
		String name = text(json, "name", errors);
		String body = text(json, "body", errors);
		if (name != null) {
			String problem = RoomNames.problem(name);
			if (problem != null) {
				errors.add(new FieldError("name", problem));
			}
		}
		if (body != null) {
			if (body.isEmpty()) {
				errors.add(new FieldError("body", "must not be empty"));
			}
			else if (body.indexOf('\0') >= 0) {
				errors.add(new FieldError("body", "must not contain NUL characters (Hub cannot store them)"));
			}
			else if (hasControlCharacter(body)) {
				errors.add(new FieldError("body",
						"must not contain control characters other than tab, line feed and carriage return"));
			}
		}
		if (!errors.isEmpty()) {
			throw InvalidRequestException.of(errors);
		}
		return new ShoutRequest(name, body);
	}

	private static boolean hasControlCharacter(String text) {
		return text.chars()
			.anyMatch((c) -> Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r');
	}

	private static String text(JsonNode json, String field, List<FieldError> errors) {
		JsonNode value = json.get(field);
		if (value == null || value.isNull()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		if (!value.isString()) {
			errors.add(new FieldError(field, "must be a JSON string, not " + value.getNodeType().name().toLowerCase()));
			return null;
		}
		return value.stringValue();
	}

}
