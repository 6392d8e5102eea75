package io.hubbridge.security;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Finds a request's credentials: the API key header, else an
 * {@code Authorization: Bearer} token, else — for the stream only, which browsers'
 * EventSource opens without headers — the {@code access_token} query parameter, else the
 * token cookie. A bearer, query or cookie token is a JWT when JWTs are configured and it
 * has a JWT's three parts, an API key otherwise.
 */
class CredentialsConverter implements ServerAuthenticationConverter {

	static final String QUERY_PARAMETER = "access_token";

	private static final PathPattern STREAM = PathPatternParser.defaultInstance.parse("/api/rooms/{room}/events");

	private static final String BEARER = "bearer ";

	private final String apiKeyHeader;

	private final String tokenCookie;

	private final boolean jwtEnabled;

	CredentialsConverter(String apiKeyHeader, String tokenCookie, boolean jwtEnabled) {
		this.apiKeyHeader = apiKeyHeader;
		this.tokenCookie = tokenCookie;
		this.jwtEnabled = jwtEnabled;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		return Mono.justOrEmpty(credentials(exchange.getRequest()));
	}

	private @Nullable Authentication credentials(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		String apiKey = headers.getFirst(this.apiKeyHeader);
		if (hasText(apiKey)) {
			return ApiKeyAuthentication.presented(apiKey.strip());
		}
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			String token = authorization.substring(BEARER.length()).strip();
			return hasText(token) ? token(token) : null;
		}
		if (!isStream(request)) {
			return null;
		}
		String query = request.getQueryParams().getFirst(QUERY_PARAMETER);
		if (hasText(query)) {
			return token(query);
		}
		HttpCookie cookie = request.getCookies().getFirst(this.tokenCookie);
		if (cookie != null && hasText(cookie.getValue())) {
			return token(cookie.getValue());
		}
		return null;
	}

	static boolean isStream(ServerHttpRequest request) {
		return HttpMethod.GET.equals(request.getMethod()) && STREAM.matches(request.getPath().pathWithinApplication());
	}

	private Authentication token(String token) {
		if (this.jwtEnabled && looksLikeJwt(token)) {
			return new BearerTokenAuthenticationToken(token);
		}
		return ApiKeyAuthentication.presented(token);
	}

	/** A compact JWS: header.payload.signature. */
	static boolean looksLikeJwt(String token) {
		int first = token.indexOf('.');
		int second = token.indexOf('.', first + 1);
		return first > 0 && second > first + 1 && second < token.length() - 1 && token.indexOf('.', second + 1) < 0;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
