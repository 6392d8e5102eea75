package io.hubbridge.api;

import java.net.URI;

import io.hubbridge.limits.Limit;

/** The stable {@code type} of each kind of problem the API answers with. */
final class ProblemTypes {

	static final URI INVALID_REQUEST = URI.create("urn:hub-bridge:problem:invalid-request");

	static final URI MALFORMED_REQUEST = URI.create("urn:hub-bridge:problem:malformed-request");

	static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("urn:hub-bridge:problem:unsupported-media-type");

	static final URI NOT_ACCEPTABLE = URI.create("urn:hub-bridge:problem:not-acceptable");

	static final URI NOT_FOUND = URI.create("urn:hub-bridge:problem:not-found");

	static final URI ROOM_NOT_OPEN = URI.create("urn:hub-bridge:problem:room-not-open");

	static final URI METHOD_NOT_ALLOWED = URI.create("urn:hub-bridge:problem:method-not-allowed");

	static final URI PAYLOAD_TOO_LARGE = URI.create("urn:hub-bridge:problem:payload-too-large");

	static final URI MALFORMED_JSON = URI.create("urn:hub-bridge:problem:malformed-json");

	static final URI INVALID_UTF8 = URI.create("urn:hub-bridge:problem:invalid-utf8");

	static final URI WRONG_TYPE = URI.create("urn:hub-bridge:problem:wrong-type");

	static final URI UNKNOWN_FIELD = URI.create("urn:hub-bridge:problem:unknown-field");

	static final URI INTERNAL = URI.create("urn:hub-bridge:problem:internal");

	static final URI TOO_MANY_ROOMS = Limit.TOO_MANY_ROOMS.type();

	static final URI ROOM_FULL = Limit.ROOM_FULL.type();

	static final URI TOO_MANY_STREAMS = Limit.TOO_MANY_STREAMS.type();

	static final URI RATE_LIMITED = Limit.RATE_LIMITED.type();

	private ProblemTypes() {
	}

}
