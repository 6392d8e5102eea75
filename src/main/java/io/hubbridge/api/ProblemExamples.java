package io.hubbridge.api;

/** Examples of problem details for the OpenAPI document. */
final class ProblemExamples {

	static final String INVALID_TYPES = """
			{"type":"urn:hub-bridge:problem:invalid-request","title":"Invalid request","status":400,
			"detail":"types: unknown event type 'shouts'; known types: presence, shout, join, leave, typing, upstream, reset, shutdown",
			"instance":"/api/rooms/lobby/events","errors":[{"field":"types","detail":"unknown event type 'shouts'"}]}""";

	static final String INVALID_SHOUT = """
			{"type":"urn:hub-bridge:problem:invalid-request","title":"Invalid request","status":400,
			"detail":"name: must be a JSON string, not number","instance":"/api/rooms/lobby/shouts",
			"errors":[{"field":"name","detail":"must be a JSON string, not number"}]}""";

	static final String MALFORMED = """
			{"type":"urn:hub-bridge:problem:malformed-request","title":"Bad Request","status":400,
			"detail":"Failed to read HTTP message","instance":"/api/rooms/lobby/shouts"}""";

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
