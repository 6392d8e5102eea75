package io.hubbridge.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The API requests being handled, streams included, so that a shutdown can wait until
 * they have finished, and cut those that outstay it. Health and metrics requests are not
 * counted: a load balancer keeps probing while the bridge drains.
 */
@Component
class InFlightRequests implements WebFilter {

	private static final String API = "/api/";

	/** Guarded by {@code this}. */
	private final Set<ServerWebExchange> active = new HashSet<>();

	/** Completes when no request is left; guarded by {@code this}. */
	private Sinks.@Nullable Empty<Void> idle;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith(API)) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> {
			add(exchange);
			return chain.filter(exchange);
		}).doFinally((signal) -> remove(exchange));
	}

	private synchronized void add(ServerWebExchange exchange) {
		this.active.add(exchange);
	}

	private void remove(ServerWebExchange exchange) {
		Sinks.Empty<Void> nowIdle = null;
		synchronized (this) {
			this.active.remove(exchange);
			if (this.active.isEmpty() && this.idle != null) {
				nowIdle = this.idle;
				this.idle = null;
			}
		}
		if (nowIdle != null) {
			// outside the lock: what waits for it goes on from here
			nowIdle.tryEmitEmpty();
		}
	}

	/** How many API requests are being handled. */
	synchronized int count() {
		return this.active.size();
	}

	/** Completes once no API request is being handled (at once if none is). */
	synchronized Mono<Void> idle() {
		if (this.active.isEmpty()) {
			return Mono.empty();
		}
		if (this.idle == null) {
			this.idle = Sinks.empty();
		}
		return this.idle.asMono();
	}

	/**
	 * Closes the connection of every request still being handled.
	 * @return how many were cut
	 */
	int cutAll() {
		List<ServerWebExchange> remaining;
		synchronized (this) {
			remaining = new ArrayList<>(this.active);
		}
		remaining.forEach(InFlightRequests::cut);
		return remaining.size();
	}

	private static void cut(ServerWebExchange exchange) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (nativeRequest instanceof Connection connection) {
			connection.dispose();
		}
	}

}
