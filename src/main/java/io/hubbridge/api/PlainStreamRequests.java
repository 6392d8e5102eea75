package io.hubbridge.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.config.BridgeProperties.Security.Mode;
import io.hubbridge.room.EventType;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.util.UriUtils;

/**
 * The stream requests that {@link EventStreamRoute} serves: those that need nothing of
 * Spring's web stack. Every other request, and one that would be refused, goes on to
 * Spring, which answers it as for any other endpoint: {@code HEAD}, a request with a
 * body, an {@code Accept} without {@code text/event-stream}, a room or {@code types} the
 * bridge refuses, a cross-origin request when CORS is configured, credentials when
 * security is on. With reads that need credentials, or forwarded headers applied by
 * Spring ({@code server.forward-headers-strategy=framework}), it takes none.
 */
final class PlainStreamRequests {

	private static final Pattern STREAM_PATH = Pattern.compile("/api/rooms/([^/]+)/events");

	private final EventStreams streams;

	private final boolean enabled;

	private final boolean corsConfigured;

	private final boolean securityOn;

	private final String apiKeyHeader;

	private final String tokenCookie;

	/**
	 * @param springForwardsHeaders whether Spring, not Reactor Netty, applies
	 * {@code X-Forwarded-*} headers: the route would see the proxy's address
	 */
	PlainStreamRequests(EventStreams streams, BridgeProperties properties, boolean springForwardsHeaders) {
		BridgeProperties.Security security = properties.security();
		this.streams = streams;
		this.enabled = security.reads() == Mode.OPEN && !springForwardsHeaders;
		this.corsConfigured = !properties.cors().allowedOrigins().isEmpty();
		this.securityOn = security.writes() == Mode.AUTHENTICATED;
		this.apiKeyHeader = security.apiKeyHeader();
		this.tokenCookie = security.tokenCookie() + "=";
	}

	/**
	 * What the request asks for, when the route serves it.
	 * @param uri the request target as received
	 * @return {@code null} when Spring should serve the request
	 */
	@Nullable StreamRequest parse(HttpMethod method, String uri, HttpHeaders headers) {
		if (!this.enabled || !HttpMethod.GET.equals(method) || !uri.startsWith("/") || hasBody(headers)
				|| (this.corsConfigured && headers.contains(HttpHeaderNames.ORIGIN))
				|| !PlainRoute.accepts(headers, MediaType.TEXT_EVENT_STREAM)) {
			return null;
		}
		try {
			QueryStringDecoder target = new QueryStringDecoder(uri);
			Matcher path = STREAM_PATH.matcher(target.rawPath());
			if (!path.matches()) {
				return null;
			}
			Map<String, List<String>> query = target.parameters();
			if (this.securityOn && hasCredentials(headers, query)) {
				return null;
			}
			String room = UriUtils.decode(path.group(1), StandardCharsets.UTF_8);
			Set<EventType> wanted = this.streams.check(room, joined(query.get("types")));
			String lastEventId = headers.get("Last-Event-ID");
			return new StreamRequest(target.rawPath(), room, wanted,
					(lastEventId != null) ? lastEventId : joined(query.get("last_event_id")));
		}
		catch (IllegalArgumentException | ErrorResponseException ex) {
			// malformed escapes, or a room or types to refuse: Spring says why
			return null;
		}
	}

	private static boolean hasBody(HttpHeaders headers) {
		String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
		return headers.contains(HttpHeaderNames.TRANSFER_ENCODING) || (length != null && !"0".equals(length.trim()));
	}

	private boolean hasCredentials(HttpHeaders headers, Map<String, List<String>> query) {
		String cookies = headers.get(HttpHeaderNames.COOKIE);
		return headers.contains(HttpHeaderNames.AUTHORIZATION) || headers.contains(this.apiKeyHeader)
				|| query.containsKey("access_token") || (cookies != null && cookies.contains(this.tokenCookie));
	}

	/** As Spring binds a parameter given more than once to a {@code String}. */
	private static @Nullable String joined(@Nullable List<String> values) {
		return (values != null) ? String.join(",", values) : null;
	}

	/**
	 * A stream request the route serves.
	 *
	 * @param path the raw path, for problems' {@code instance}
	 * @param wanted the event types asked for ({@code types}), all by default
	 * @param lastEventId from {@code Last-Event-ID}, else from the {@code last_event_id}
	 * parameter
	 */
	record StreamRequest(String path, String room, Set<EventType> wanted, @Nullable String lastEventId) {
	}

}
