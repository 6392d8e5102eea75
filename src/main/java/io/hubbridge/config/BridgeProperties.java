package io.hubbridge.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.hubbridge.phoenix.Serializer;
import io.hubbridge.phoenix.SocketUrl;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
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
 * @param security who may read and write: API keys and JWT bearer tokens
 * @param limits what any one client may cost: rooms, streams, shouts
 * @param validation what requests may hold: room names, shout names and bodies, body size
 * @param server the HTTP server's threads
 */
@Validated
@ConfigurationProperties("bridge")
public record BridgeProperties(@Valid @DefaultValue Hub hub, @Valid @DefaultValue EmbeddedHub embeddedHub,
		@Valid @DefaultValue Rooms rooms, @Valid @DefaultValue Sse sse, @Valid @DefaultValue Shouts shouts,
		@Valid @DefaultValue Shutdown shutdown, @Valid @DefaultValue Cors cors, @Valid @DefaultValue Security security,
		@Valid @DefaultValue Limits limits, @Valid @DefaultValue Validation validation,
		@Valid @DefaultValue Server server) {

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
	 * @param maxFrameSize largest websocket frame accepted from Hub, and largest the
	 * bridge sends (a shout whose frame would be larger is refused: its echo would not
	 * fit either)
	 * @param params query parameters added to the socket URL, as the Phoenix JS client's
	 * socket params, such as {@code token}; values never appear in logs or events
	 * @param caBundle certificates to trust for a {@code wss://} Hub instead of the JDK's
	 * trust store: a PEM file location ({@code /etc/hub/ca.pem},
	 * {@code classpath:ca.pem}) or the PEM text itself
	 * @param sslBundle name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) to
	 * use for a {@code wss://} Hub instead of the JDK's trust store: its trust store, and
	 * its key store for a client certificate
	 */
	public record Hub(@Nullable URI url, @DefaultValue("hub-bridge") @NotBlank String username,
			@DefaultValue("false") boolean showSelf, @DefaultValue("V1") @NotNull Serializer.Version serializer,
			@DefaultValue("10s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration joinTimeout,
			@DefaultValue("30s") @NotNull Duration heartbeatInterval,
			@DefaultValue("16MB") @NotNull DataSize maxFrameSize, @DefaultValue Map<String, String> params,
			@Nullable String caBundle, @Nullable String sslBundle) {

		/** Secrets stay out of anything that prints the properties. */
		@Override
		public String toString() {
			return "Hub[url=" + ((this.url != null) ? SocketUrl.redacted(this.url) : null) + ", username="
					+ this.username + ", serializer=" + this.serializer + ", params=" + this.params.keySet()
					+ ", caBundle=" + ((this.caBundle != null) ? "(set)" : null) + ", sslBundle=" + this.sslBundle
					+ "]";
		}

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
	 * is disconnected (a queue takes memory only for the events it holds)
	 * @param subscriberWriteInterval the shortest time between two rounds of writes on
	 * one connection event loop (a round writes each of its streams with events waiting
	 * once): events that come sooner wait and go out together, one write for several; an
	 * event after a quieter spell is written at once; 0 writes each event as it comes
	 */
	public record Rooms(@DefaultValue("30s") @NotNull Duration gracePeriod,
			@DefaultValue("1000") @Min(1) int replayEvents, @DefaultValue("5m") @NotNull Duration replayMaxAge,
			@DefaultValue("100") @Min(1) int recentShouts, @DefaultValue("5s") @NotNull Duration joinWait,
			@DefaultValue("2s") @NotNull Duration shoutConfirmTimeout,
			@DefaultValue("1024") @Min(1) int subscriberQueue,
			@DefaultValue("10ms") @NotNull Duration subscriberWriteInterval) {
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
	 * The HTTP server's threads.
	 *
	 * @param eventLoops how many event loops (the threads that read requests and write
	 * the streams) the server has; one per core when not set. Reactor Netty's own default
	 * is at least four, which on two cores has the loops take turns and adds to every
	 * stream's wait
	 */
	public record Server(@Nullable @Min(1) Integer eventLoops) {

		/** The loops to start: as set, or one per core. */
		public int eventLoopCount() {
			return (this.eventLoops != null) ? this.eventLoops : Runtime.getRuntime().availableProcessors();
		}

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
	 * Authentication of the API, off by default: who may post shouts (writes) and who may
	 * read the stream, presence, recent shouts and rooms (reads). Credentials are API
	 * keys and JWT bearer tokens ({@code spring.security.oauth2.resourceserver.jwt.*}).
	 *
	 * @param writes whether posting a shout needs credentials
	 * @param reads whether the stream and the other reads need credentials
	 * @param apiKeys API keys, each with the name of whom it identifies; give them from
	 * the environment or a mounted file, never in a committed file
	 * @param apiKeysFile a file of more API keys, one {@code name:key} a line ({@code #}
	 * starts a comment), such as a mounted secret
	 * @param apiKeyHeader the request header that carries an API key
	 * @param tokenCookie the cookie the stream also takes a token (API key or JWT) from,
	 * for browsers' EventSource
	 * @param bindName whether a shout's name must be the authenticated name (needs
	 * authenticated writes)
	 * @param jwtNameClaim the JWT claim that names its holder; tokens without it are
	 * named by {@code sub}
	 */
	public record Security(@DefaultValue("open") @NotNull Mode writes, @DefaultValue("open") @NotNull Mode reads,
			@DefaultValue List<@Valid ApiKey> apiKeys, @Nullable Path apiKeysFile,
			@DefaultValue("X-API-Key") @NotBlank String apiKeyHeader,
			@DefaultValue("hub_bridge_token") @NotBlank String tokenCookie, @DefaultValue("false") boolean bindName,
			@DefaultValue("preferred_username") @NotBlank String jwtNameClaim) {

		/** Whether requests of a kind need credentials. */
		public enum Mode {

			/** Anyone may, without credentials. */
			OPEN,

			/** Only with a valid API key or JWT. */
			AUTHENTICATED

		}

		/**
		 * One API key.
		 *
		 * @param name whom the key identifies (the principal name, e.g. for bind-name)
		 * @param key the secret itself, at least 16 characters (checked where a failure
		 * does not print it, unlike bean validation)
		 */
		public record ApiKey(@NotBlank String name, String key) {

			@Override
			public String toString() {
				// never the key: configuration may be printed on a failed start
				return "ApiKey[name=" + this.name + "]";
			}

		}

	}

	/**
	 * What the bridge and any one client may cost. A client is the authenticated
	 * principal when there is one, otherwise the remote address.
	 *
	 * @param maxRooms how many rooms may be open at once; opening one more is refused
	 * with {@code 503}
	 * @param maxSubscribersPerRoom how many streams one room may serve at once; one more
	 * is refused with {@code 503}
	 * @param maxStreamsPerClient how many streams one client may hold open at once; one
	 * more is refused with {@code 429}
	 * @param retryAfter the {@code Retry-After} of refusals by the limits on rooms,
	 * subscribers and streams
	 * @param shouts the rate limit on posting shouts
	 */
	public record Limits(@DefaultValue("1000") @Min(1) int maxRooms,
			@DefaultValue("10000") @Min(1) int maxSubscribersPerRoom,
			@DefaultValue("256") @Min(1) int maxStreamsPerClient, @DefaultValue("5s") @NotNull Duration retryAfter,
			@Valid @DefaultValue ShoutRate shouts) {

		/**
		 * A token bucket per client for posting shouts.
		 *
		 * @param rate shouts per second each client may post, on average
		 * @param burst shouts a client may post at once after a pause
		 * @param clients how many clients' buckets are kept at most; full buckets, then
		 * the fullest, are forgotten first
		 */
		public record ShoutRate(@DefaultValue("20") @DecimalMin("0.001") double rate,
				@DefaultValue("40") @Min(1) @Max(1000000) int burst, @DefaultValue("10000") @Min(1) int clients) {
		}

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
