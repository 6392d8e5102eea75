package io.hubbridge.limits;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The limits that refuse a request, each with the status, problem type and title it is
 * answered with, and the {@code reason} tag of {@value RejectedRequests#METER}.
 */
public enum Limit {

	/** Opening one more room would exceed {@code bridge.limits.max-rooms}. */
	TOO_MANY_ROOMS("too-many-rooms", HttpStatus.SERVICE_UNAVAILABLE, "Too many rooms"),

	/** The room has {@code bridge.limits.max-subscribers-per-room} subscribers. */
	ROOM_FULL("room-full", HttpStatus.SERVICE_UNAVAILABLE, "Room full"),

	/** The client has {@code bridge.limits.max-streams-per-client} streams open. */
	TOO_MANY_STREAMS("too-many-streams", HttpStatus.TOO_MANY_REQUESTS, "Too many streams"),

	/** The client has used up its shouts ({@code bridge.limits.shouts.*}). */
	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Rate limited");

	private final String reason;

	private final HttpStatus status;

	private final String title;

	private final URI type;

	Limit(String reason, HttpStatus status, String title) {
		this.reason = reason;
		this.status = status;
		this.title = title;
		this.type = URI.create("urn:hub-bridge:problem:" + reason);
	}

	/** The {@code reason} tag of the rejection counter, and the end of the type URI. */
	public String reason() {
		return this.reason;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/** The stable problem type, {@code urn:hub-bridge:problem:<reason>}. */
	public URI type() {
		return this.type;
	}

}
