package io.hubbridge.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.config.BridgeProperties.Security.Mode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.util.UriUtils;

/**
 * The posts of shouts that {@link ShoutPostRoute} serves: those whose headers need
 * nothing of Spring's web stack. Every other request goes on to Spring, which answers it
 * as for any other endpoint: a content type other than JSON, an {@code Accept} without
 * JSON, a body without a {@code Content-Length} or over
 * {@code bridge.validation.max-request-size}, a room or {@code Idempotency-Key} the
 * bridge refuses, a cross-origin request when CORS is configured. With security on
 * (credentials for reads or writes: Spring Security's filters and headers), or forwarded
 * headers applied by Spring ({@code server.forward-headers-strategy=framework}), it takes
 * none.
 */
final class PlainShoutRequests {

	private static final Pattern SHOUTS_PATH = Pattern.compile("/api/rooms/([^/]+)/shouts");

	private final InputRules rules;

	private final boolean enabled;

	private final boolean corsConfigured;

	private final long maxBody;

	/**
	 * @param springForwardsHeaders whether Spring, not Reactor Netty, applies
	 * {@code X-Forwarded-*} headers: the route would see the proxy's address
	 */
	PlainShoutRequests(InputRules rules, BridgeProperties properties, boolean springForwardsHeaders) {
		BridgeProperties.Security security = properties.security();
		this.rules = rules;
		this.enabled = security.reads() == Mode.OPEN && security.writes() == Mode.OPEN && !springForwardsHeaders;
		this.corsConfigured = !properties.cors().allowedOrigins().isEmpty();
		this.maxBody = properties.validation().maxRequestSize().toBytes();
	}

	/**
	 * What the request posts to, when the route serves it.
	 * @param uri the request target as received
	 * @return {@code null} when Spring should serve the request
	 */
	@Nullable ShoutPostRequest parse(HttpMethod method, String uri, HttpHeaders headers) {
		if (!this.enabled || !HttpMethod.POST.equals(method) || !uri.startsWith("/")
				|| (this.corsConfigured && headers.contains(HttpHeaderNames.ORIGIN)) || !bodyWithinLimit(headers)
				|| !isJson(headers) || !PlainRoute.accepts(headers, MediaType.APPLICATION_JSON)) {
			return null;
		}
		try {
			QueryStringDecoder target = new QueryStringDecoder(uri);
			Matcher path = SHOUTS_PATH.matcher(target.rawPath());
			if (!path.matches()) {
				return null;
			}
			String room = UriUtils.decode(path.group(1), StandardCharsets.UTF_8);
			this.rules.checkRoom(room);
			List<String> keys = headers.getAll(IdempotencyKeys.HEADER);
			if (keys.size() > 1) {
				return null;
			}
			String idempotencyKey = keys.isEmpty() ? null : keys.get(0);
			if (idempotencyKey != null) {
				IdempotencyKeys.check(idempotencyKey);
			}
			return new ShoutPostRequest(target.rawPath(), room, idempotencyKey);
		}
		catch (IllegalArgumentException | ErrorResponseException ex) {
			// malformed escapes, or a room or key to refuse: Spring says why
			return null;
		}
	}

	/** A declared length within the limit: a chunked body is counted by Spring. */
	private boolean bodyWithinLimit(HttpHeaders headers) {
		String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
		if (length == null || headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
			return false;
		}
		try {
			long declared = Long.parseLong(length.trim());
			return declared >= 0 && declared <= this.maxBody;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static boolean isJson(HttpHeaders headers) {
		List<String> contentType = headers.getAll(HttpHeaderNames.CONTENT_TYPE);
		if (contentType.size() != 1) {
			return false;
		}
		try {
			return MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType.get(0)));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * A post the route serves.
	 *
	 * @param path the raw path, for problems' {@code instance}
	 * @param idempotencyKey the request's {@code Idempotency-Key}, checked
	 */
	record ShoutPostRequest(String path, String room, @Nullable String idempotencyKey) {
	}

}
