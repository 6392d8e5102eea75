package io.hubbridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.hubbridge.phoenix.Serializer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything hub-bridge can be told, under the prefix {@code bridge}. Each property can
 * be set from the environment ({@code bridge.hub.url} is {@code BRIDGE_HUB_URL}).
 *
 * @param hub how to reach Hub and who the bridge is there
 * @param embeddedHub the embedded Hub that serves when no Hub URL is configured
 * @param rooms room sessions: grace period, replay buffer, waits
 * @param sse the Server-Sent Events streams
 * @param shouts posting shouts: idempotency keys
 * @param shutdown graceful shutdown
 * @param cors which browser origins may call the API from other sites
 * @param validation what requests may hold: room names, shout names and bodies, body size
 */
@Validated
@ConfigurationProperties("bridge")
public record BridgeProperties(@Valid @DefaultValue Hub hub, @Valid @DefaultValue EmbeddedHub embeddedHub,
		@Valid @DefaultValue Rooms rooms, @Valid @DefaultValue Sse sse, @Valid @DefaultValue Shouts shouts,
		@Valid @DefaultValue Shutdown shutdown, @Valid @DefaultValue Cors cors,
		@Valid @DefaultValue Validation validation) {

	/**
	 * The upstream Hub.
	 *
	 * @param url websocket URL of Hub's socket, such as
	 * {@code ws://hub:4000/socket/websocket}; empty to use the embedded Hub
	 * @param username the username the bridge joins each room with; left out of the
	 * presence it reports
	 * @param showSelf whether to report the bridge's own username in presence like any
	 * user
	 * @param serializer Phoenix serializer to speak: V1 (objects) or V2 (arrays,
	 * vsn=2.0.0)
	 * @param connectTimeout how long to wait for the websocket handshake
	 * @param joinTimeout how long to wait for a join reply before retrying
	 * @param heartbeatInterval how often to heartbeat; a heartbeat still unanswered when
	 * the next is due marks the connection dead
	 * @param maxFrameSize largest websocket frame accepted from Hub
	 */
	public record Hub(@Nullable URI url, @DefaultValue("hub-bridge") @NotBlank String username,
			@DefaultValue("false") boolean showSelf, @DefaultValue("V1") @NotNull Serializer.Version serializer,
			@DefaultValue("10s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration joinTimeout,
			@DefaultValue("30s") @NotNull Duration heartbeatInterval,
			@DefaultValue("16MB") @NotNull DataSize maxFrameSize) {
	}

	/**
	 * The embedded Hub, started only when {@code bridge.hub.url} is not set.
	 *
	 * @param host address the embedded Hub listens on
	 * @param port port the embedded Hub listens on; 0 picks a free one
	 * @param idleTimeout a socket that sends nothing for this long is closed, as Hub does
	 * after 45 s
	 */
	public record EmbeddedHub(@DefaultValue("127.0.0.1") @NotBlank String host,
			@DefaultValue("4000") @Min(0) @Max(65535) int port, @DefaultValue("45s") @NotNull Duration idleTimeout) {
	}

	/**
	 * Room sessions.
	 *
	 * @param gracePeriod how long a room stays open after its last subscriber has gone
	 * @param replayEvents how many recent events each room keeps for
	 * {@code Last-Event-ID} resume
	 * @param replayMaxAge how old a kept event may be before resume from it is refused
	 * @param recentShouts how many recent shouts each room keeps for
	 * {@code GET .../shouts}
	 * @param joinWait how long a request waits for the room's upstream to be joined
	 * @param shoutConfirmTimeout how long a posted shout waits for Hub's broadcast of it
	 * @param subscriberQueue how many events may wait for one slow subscriber before it
	 * is disconnected (rounded up to a power of two, at least 8)
	 */
	public record Rooms(@DefaultValue("30s") @NotNull Duration gracePeriod,
			@DefaultValue("1000") @Min(1) int replayEvents, @DefaultValue("5m") @NotNull Duration replayMaxAge,
			@DefaultValue("100") @Min(1) int recentShouts, @DefaultValue("5s") @NotNull Duration joinWait,
			@DefaultValue("2s") @NotNull Duration shoutConfirmTimeout,
			@DefaultValue("256") @Min(1) int subscriberQueue) {
	}

	/**
	 * Server-Sent Events streams.
	 *
	 * @param keepAlive how often a comment line is sent on an otherwise quiet stream
	 * @param retry the reconnection delay suggested to clients with {@code retry:}
	 */
	public record Sse(@DefaultValue("15s") @NotNull Duration keepAlive, @DefaultValue("2s") @NotNull Duration retry) {
	}

	/**
	 * Posting shouts.
	 *
	 * @param idempotencyTtl how long the answer to a shout posted with an
	 * {@code Idempotency-Key} is remembered, from the first request
	 * @param idempotencyKeys how many idempotency keys are remembered at most; the oldest
	 * is forgotten first
	 */
	public record Shouts(@DefaultValue("10m") @NotNull Duration idempotencyTtl,
			@DefaultValue("10000") @Min(1) int idempotencyKeys) {
	}

	/**
	 * Graceful shutdown, on SIGTERM or any close of the application.
	 *
	 * @param timeout how long the bridge may take to drain: end streams, let requests in
	 * flight finish and leave every room upstream
	 * @param retryAfter how long clients are told to wait before they reconnect or retry
	 * ({@code Retry-After}, and {@code retryAfterMs} of the {@code shutdown} event)
	 */
	public record Shutdown(@DefaultValue("10s") @NotNull Duration timeout,
			@DefaultValue("5s") @NotNull Duration retryAfter) {
	}

	/**
	 * Cross-origin requests from browsers, for the stream and the REST endpoints under
	 * {@code /api}.
	 *
	 * @param allowedOrigins origins allowed to call the API, such as
	 * {@code https://chat.example.com}, or {@code *} for any; empty (the default) allows
	 * none
	 * @param maxAge how long browsers may cache a preflight answer
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") @NotNull Duration maxAge) {
	}

	/**
	 * What requests may hold. Rules that keep Hub safe apply whatever is configured: room
	 * names and shout names of at most 255 characters (Hub's columns), no control
	 * characters in names, no NUL anywhere, valid UTF-8.
	 *
	 * @param roomPattern regular expression every room name must match whole; the default
	 * allows the unreserved URL characters, starting with a letter or digit
	 * @param maxRoomLength longest room name, in characters (at most 255)
	 * @param maxNameLength longest shout name, in characters (at most 255)
	 * @param maxBodyLength longest shout body, in characters
	 * @param maxRequestSize largest request body, in bytes; larger ones are refused with
	 * 413 before they are read
	 */
	public record Validation(@DefaultValue(DEFAULT_ROOM_PATTERN) @NotBlank String roomPattern,
			@DefaultValue("255") @Min(1) @Max(255) int maxRoomLength,
			@DefaultValue("255") @Min(1) @Max(255) int maxNameLength, @DefaultValue("500000") @Min(1) int maxBodyLength,
			@DefaultValue("1MB") @NotNull DataSize maxRequestSize) {

		/** Letters, digits and {@code . _ ~ -}, starting with a letter or digit. */
		public static final String DEFAULT_ROOM_PATTERN = "[A-Za-z0-9][A-Za-z0-9._~-]*";

		public Validation {
			try {
				Pattern.compile(roomPattern);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(
						"bridge.validation.room-pattern is not a regular expression: " + ex.getMessage(), ex);
			}
		}

	}

}
