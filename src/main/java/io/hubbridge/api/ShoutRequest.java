package io.hubbridge.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.hubbridge.api.InvalidRequestException.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A shout to post: who says it and what. Read from JSON strictly: both fields must be
 * JSON strings (a number is never turned into text), and no other field is accepted.
 *
 * @param name who shouts; 1 to 255 characters
 * ({@code bridge.validation.max-name-length}), no control characters
 * @param body what is shouted; not empty, at most
 * {@code bridge.validation.max-body-length} characters, no control characters but tab,
 * line feed and carriage return
 */
@Schema(name = "ShoutRequest", description = "A shout to post into the room.", example = """
		{"name":"robin","body":"hello from curl"}""")
public record ShoutRequest(@Schema(maxLength = 255, minLength = 1) String name, @Schema(minLength = 1) String body) {

	private static final Set<String> FIELDS = Set.of("name", "body");

	/**
	 * The shout the JSON holds, checked in this order: its shape (an object whose fields
	 * are JSON strings), then its fields (only {@code name} and {@code body}), then their
	 * values.
	 * @throws RejectedBodyException of type wrong-type or unknown-field
	 * @throws InvalidRequestException listing every value that is not acceptable
	 */
	static ShoutRequest from(JsonNode json, InputRules rules) {
		if (!json.isObject()) {
			throw RejectedBodyException.wrongType(List
				.of(new FieldError("$", "must be a JSON object with \"name\" and \"body\", not " + typeOf(json))));
		}
		List<FieldError> wrongTypes = new ArrayList<>();
		for (String field : List.of("name", "body")) {
			JsonNode value = json.get(field);
			if (value != null && !value.isString()) {
				wrongTypes.add(new FieldError(field, "must be a JSON string, not " + typeOf(value)));
			}
		}
		if (!wrongTypes.isEmpty()) {
			throw RejectedBodyException.wrongType(wrongTypes);
		}
		List<FieldError> unknown = new ArrayList<>();
		for (String field : json.propertyNames()) {
			if (!FIELDS.contains(field)) {
				unknown.add(new FieldError(field, "is not a field of a shout (expected \"name\" and \"body\")"));
			}
		}
		if (!unknown.isEmpty()) {
			throw RejectedBodyException.unknownField(unknown);
		}
		List<FieldError> errors = new ArrayList<>();
		String name = text(json, "name", errors);
		String body = text(json, "body", errors);
		if (name != null) {
			addProblem(errors, "name", rules.shoutNameProblem(name));
		}
		if (body != null) {
			addProblem(errors, "body", rules.bodyProblem(body));
		}
		if (!errors.isEmpty()) {
			throw InvalidRequestException.of(errors);
		}
		return new ShoutRequest(name, body);
	}

	private static void addProblem(List<FieldError> errors, String field, @Nullable String problem) {
		if (problem != null) {
			errors.add(new FieldError(field, problem));
		}
	}

	private static @Nullable String text(JsonNode json, String field, List<FieldError> errors) {
		JsonNode value = json.get(field);
		if (value == null) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		return value.stringValue();
	}

	private static String typeOf(JsonNode value) {
		return value.getNodeType().name().toLowerCase(Locale.ROOT);
	}

}
