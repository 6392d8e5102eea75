package io.hubbridge.api;

/** Examples of problem details for the OpenAPI document. */
final class ProblemExamples {

	static final String INVALID_TYPES = """
			{"type":"urn:hub-bridge:problem:invalid-request","title":"Invalid request","status":400,
			"detail":"types: unknown event type 'shouts'; known types: presence, shout, join, leave, typing, upstream, reset, shutdown",
			"instance":"/api/rooms/lobby/events","errors":[{"field":"types","detail":"unknown event type 'shouts'"}]}""";

	static final String INVALID_SHOUT = """
			{"type":"urn:hub-bridge:problem:invalid-request","title":"Invalid request","status":400,
			"detail":"body: must not contain control characters other than tab, line feed and carriage return (U+0007 at character 5)",
			"instance":"/api/rooms/lobby/shouts",
			"errors":[{"field":"body","detail":"must not contain control characters other than tab, line feed and carriage return (U+0007 at character 5)"}]}""";

	static final String INVALID_ROOM = """
			{"type":"urn:hub-bridge:problem:invalid-request","title":"Invalid request","status":400,
			"detail":"room: must match the pattern [A-Za-z0-9][A-Za-z0-9._~-]* (bridge.validation.room-pattern)",
			"instance":"/api/rooms/no%20spaces/presence",
			"errors":[{"field":"room","detail":"must match the pattern [A-Za-z0-9][A-Za-z0-9._~-]* (bridge.validation.room-pattern)"}]}""";

	static final String WRONG_TYPE = """
			{"type":"urn:hub-bridge:problem:wrong-type","title":"Wrong JSON type","status":400,
			"detail":"name: must be a JSON string, not number","instance":"/api/rooms/lobby/shouts",
			"errors":[{"field":"name","detail":"must be a JSON string, not number"}]}""";

	static final String UNKNOWN_FIELD = """
			{"type":"urn:hub-bridge:problem:unknown-field","title":"Unknown field","status":400,
			"detail":"to: is not a field of a shout (expected \\"name\\" and \\"body\\")","instance":"/api/rooms/lobby/shouts",
			"errors":[{"field":"to","detail":"is not a field of a shout (expected \\"name\\" and \\"body\\")"}]}""";

	static final String MALFORMED_JSON = """
			{"type":"urn:hub-bridge:problem:malformed-json","title":"Malformed JSON","status":400,
			"detail":"The request body is not valid JSON: Unexpected end-of-input within/between Object entries (line 1, column 19)",
			"instance":"/api/rooms/lobby/shouts"}""";

	static final String INVALID_UTF8 = """
			{"type":"urn:hub-bridge:problem:invalid-utf8","title":"Invalid UTF-8","status":400,
			"detail":"The request body is not valid UTF-8: malformed sequence of 1 byte(s) at byte offset 27",
			"instance":"/api/rooms/lobby/shouts"}""";

	static final String PAYLOAD_TOO_LARGE = """
			{"type":"urn:hub-bridge:problem:payload-too-large","title":"Payload too large","status":413,
			"detail":"The request body is larger than 1048576 bytes, the most the bridge accepts (bridge.validation.max-request-size)",
			"instance":"/api/rooms/lobby/shouts"}""";

	static final String UNSUPPORTED_MEDIA_TYPE = """
			{"type":"urn:hub-bridge:problem:unsupported-media-type","title":"Unsupported Media Type","status":415,
			"detail":"Content type 'text/plain' not supported.","instance":"/api/rooms/lobby/shouts"}""";

	static final String UPSTREAM_UNAVAILABLE = """
			{"type":"urn:hub-bridge:problem:upstream-unavailable","title":"Upstream unavailable","status":503,
			"detail":"Room 'lobby' could not be joined on Hub in time","instance":"/api/rooms/lobby/shouts"}""";

	static final String ROOM_NOT_OPEN = """
			{"type":"urn:hub-bridge:problem:room-not-open","title":"Room not open","status":404,
			"detail":"Room 'lobby' has no open session on this bridge","instance":"/api/rooms/lobby"}""";

	static final String INVALID_IDEMPOTENCY_KEY = """
			{"type":"urn:hub-bridge:problem:invalid-request","title":"Invalid request","status":400,
			"detail":"Idempotency-Key: must be 1 to 255 characters","instance":"/api/rooms/lobby/shouts",
			"errors":[{"field":"Idempotency-Key","detail":"must be 1 to 255 characters"}]}""";

	static final String IDEMPOTENCY_KEY_REUSED = """
			{"type":"urn:hub-bridge:problem:idempotency-key-reused","title":"Idempotency key reused","status":422,
			"detail":"Idempotency-Key '5f0c6d2e-7d1f-4c1b-9a7e-2f4f1d1f8a90' was used for a different shout in this room; use a new key",
			"instance":"/api/rooms/lobby/shouts"}""";

	static final String SHUTTING_DOWN = """
			{"type":"urn:hub-bridge:problem:shutting-down","title":"Shutting down","status":503,
			"detail":"The bridge is shutting down and opens no new room or stream; retry on another replica",
			"instance":"/api/rooms/lobby/events"}""";

	static final String TOO_MANY_ROOMS = """
			{"type":"urn:hub-bridge:problem:too-many-rooms","title":"Too many rooms","status":503,
			"detail":"The bridge has as many rooms open as it may (1000); rooms already open work as usual",
			"instance":"/api/rooms/lobby/events"}""";

	static final String ROOM_FULL = """
			{"type":"urn:hub-bridge:problem:room-full","title":"Room full","status":503,
			"detail":"Room 'lobby' has as many subscribers as it may (10000)","instance":"/api/rooms/lobby/events"}""";

	static final String TOO_MANY_STREAMS = """
			{"type":"urn:hub-bridge:problem:too-many-streams","title":"Too many streams","status":429,
			"detail":"This client has as many streams open as it may (256); close one first",
			"instance":"/api/rooms/lobby/events"}""";

	static final String RATE_LIMITED = """
			{"type":"urn:hub-bridge:problem:rate-limited","title":"Rate limited","status":429,
			"detail":"This client may post 20 shouts per second, 40 at once; wait before posting again",
			"instance":"/api/rooms/lobby/shouts"}""";

	private ProblemExamples() {
	}

}
