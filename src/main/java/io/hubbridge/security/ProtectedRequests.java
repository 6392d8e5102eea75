package io.hubbridge.security;

import io.hubbridge.config.BridgeProperties.Security.Mode;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The requests that need credentials: reads ({@code GET}/{@code HEAD} under {@code /api})
 * and writes (any other method under {@code /api} but {@code OPTIONS}, which CORS
 * preflights use), each as configured. Everything else (the chat page, the OpenAPI
 * document, health and metrics) stays open.
 */
class ProtectedRequests implements ServerWebExchangeMatcher {

	private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

	private final boolean writes;

	private final boolean reads;

	ProtectedRequests(Mode writes, Mode reads) {
		this.writes = writes == Mode.AUTHENTICATED;
		this.reads = reads == Mode.AUTHENTICATED;
	}

	boolean any() {
		return this.writes || this.reads;
	}

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		return isProtected(exchange.getRequest()) ? MatchResult.match() : MatchResult.notMatch();
	}

	private boolean isProtected(ServerHttpRequest request) {
		HttpMethod method = request.getMethod();
		if (HttpMethod.OPTIONS.equals(method) || !API.matches(request.getPath().pathWithinApplication())) {
			return false;
		}
		boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
		return read ? this.reads : this.writes;
	}

}
