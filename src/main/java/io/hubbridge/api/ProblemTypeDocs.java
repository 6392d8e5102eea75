package io.hubbridge.api;

import java.util.List;

/**
 * What each problem {@code type} means, for the OpenAPI document's {@code Problem} schema
 * (the README's table of errors says the same).
 */
final class ProblemTypeDocs {

	static final String PREFIX = "urn:hub-bridge:problem:";

	static final List<Entry> ALL = List.of(
			new Entry("unsupported-media-type", 415, "the body is not `application/json`"),
			new Entry("payload-too-large", 413,
					"the body is larger than `bridge.validation.max-request-size`, refused before it is read; or the "
							+ "shout as a Hub frame would exceed `bridge.hub.max-frame-size`"),
			new Entry("invalid-utf8", 400, "the body is not valid UTF-8; `detail` gives the byte offset"),
			new Entry("malformed-json", 400,
					"the body is empty or not JSON (also a field twice, something after the value); `detail` says "
							+ "what and where"),
			new Entry("wrong-type", 400,
					"not an object, or a field that is not a JSON string; `errors` lists each field"),
			new Entry("unknown-field", 400, "a field other than `name` and `body`; `errors` lists each"),
			new Entry("invalid-request", 400,
					"a value, room name, query parameter or the `Idempotency-Key` header is not acceptable; `errors` "
							+ "lists each `{field, detail}`"),
			new Entry("malformed-request", 400,
					"a path with an encoded slash or NUL or otherwise not normalized, or any other request the "
							+ "bridge cannot read"),
			new Entry("not-acceptable", 406, "the `Accept` header rules out every answer"),
			new Entry("not-found", 404, "no such path"),
			new Entry("room-not-open", 404, "`GET /api/rooms/{room}` for a room without a session"),
			new Entry("method-not-allowed", 405, "wrong method"),
			new Entry("unauthorized", 401,
					"credentials are needed and are missing, an unknown API key, or a JWT that is not valid; with "
							+ "`WWW-Authenticate`"),
			new Entry("forbidden", 403,
					"with `bridge.security.bind-name`, a shout whose `name` is not the authenticated name"),
			new Entry("idempotency-key-reused", 422,
					"the `Idempotency-Key` was used for a different shout in this room; nothing was sent"),
			new Entry("upstream-unavailable", 503,
					"Hub could not be joined in time, or the shout could not be written; with `Retry-After`"),
			new Entry("too-many-streams", 429,
					"the client has `bridge.limits.max-streams-per-client` streams open; with `Retry-After`"),
			new Entry("rate-limited", 429,
					"the client posted shouts faster than `bridge.limits.shouts.rate` and `.burst` allow; with "
							+ "`Retry-After`"),
			new Entry("too-many-rooms", 503,
					"the request would open a room while `bridge.limits.max-rooms` are open; with `Retry-After`"),
			new Entry("room-full", 503,
					"a stream on a room that has `bridge.limits.max-subscribers-per-room` streams; with `Retry-After`"),
			new Entry("shutting-down", 503,
					"the bridge is shutting down: a new stream, or a request for a room that is not open; with "
							+ "`Retry-After`"),
			new Entry("internal", 500, "a bug; logged with its stack trace"));

	private ProblemTypeDocs() {
	}

	/** The Markdown table of every type, its status and when it is answered. */
	static String table() {
		StringBuilder table = new StringBuilder("| type | status | when |\n|---|---|---|\n");
		ALL.forEach((entry) -> table.append("| `")
			.append(PREFIX)
			.append(entry.name())
			.append("` | ")
			.append(entry.status())
			.append(" | ")
			.append(entry.when())
			.append(" |\n"));
		return table.toString();
	}

	/**
	 * One kind of problem.
	 *
	 * @param name the type's last part
	 * @param status its HTTP status
	 * @param when when it is answered
	 */
	record Entry(String name, int status, String when) {

	}

}
