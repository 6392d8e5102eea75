package io.hubbridge.api;

import java.net.URI;
import java.util.List;

import io.hubbridge.api.InvalidRequestException.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The shape of every error answer (RFC 9457 problem details), for the OpenAPI document;
 * the answers themselves are Spring's {@code ProblemDetail}.
 *
 * @param type the stable kind of error
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what exactly went wrong
 * @param instance the request path
 * @param errors for invalid requests, each refused field
 */
@Schema(name = "Problem", description = "An error, as RFC 9457 problem details (application/problem+json).",
		example = ProblemExamples.INVALID_SHOUT)
record Problem(@Schema(description = "Stable kind of error", allowableValues = {
		"urn:hub-bridge:problem:invalid-request", "urn:hub-bridge:problem:malformed-request",
		"urn:hub-bridge:problem:unsupported-media-type", "urn:hub-bridge:problem:not-acceptable",
		"urn:hub-bridge:problem:not-found", "urn:hub-bridge:problem:room-not-open",
		"urn:hub-bridge:problem:method-not-allowed", "urn:hub-bridge:problem:payload-too-large",
		"urn:hub-bridge:problem:upstream-unavailable", "urn:hub-bridge:problem:shutting-down",
		"urn:hub-bridge:problem:idempotency-key-reused", "urn:hub-bridge:problem:malformed-json",
		"urn:hub-bridge:problem:invalid-utf8", "urn:hub-bridge:problem:wrong-type",
		"urn:hub-bridge:problem:unknown-field", "urn:hub-bridge:problem:unauthorized",
		"urn:hub-bridge:problem:forbidden", "urn:hub-bridge:problem:too-many-rooms", "urn:hub-bridge:problem:room-full",
		"urn:hub-bridge:problem:too-many-streams", "urn:hub-bridge:problem:rate-limited",
		"urn:hub-bridge:problem:internal" }) URI type, String title, int status, String detail, URI instance,
		@Nullable List<FieldError> errors){

}
