package io.hubbridge.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

	/**
	 * Each request being handled, with the signal that cuts it; guarded by {@code this}.
	 */
	private final Map<ServerWebExchange, Sinks.Empty<Void>> active = new HashMap<>();

	/** Completes when no request is left; guarded by {@code this}. */
	private Sinks.@Nullable Empty<Void> idle;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith(API)) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> chain.filter(exchange).takeUntilOther(add(exchange)))
			.doFinally((signal) -> remove(exchange));
	}

	private synchronized Mono<Void> add(ServerWebExchange exchange) {
		Sinks.Empty<Void> cut = Sinks.empty();
		this.active.put(exchange, cut);
		return cut.asMono();
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
	 * Closes the connection of every request still in flight, and stops handling it: an
	 * answer made after its connection closed (a shout whose room closes next) would
	 * never be written, and its buffers would leak. The connection goes first, so that
	 * the client never takes the end of the handling for an empty answer.
	 * @return how many were cut
	 */
	int cutAll() {
		List<Map.Entry<ServerWebExchange, Sinks.Empty<Void>>> remaining;
		synchronized (this) {
			remaining = new ArrayList<>(this.active.entrySet());
		}
		remaining.forEach((request) -> {
			closeConnection(request.getKey());
			request.getValue().tryEmitEmpty();
		});
		return remaining.size();
	}

	private static void closeConnection(ServerWebExchange exchange) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (nativeRequest instanceof Connection connection) {
			connection.dispose();
		}
	}

}
