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
	 * Each request being handled (its exchange, or the connection of a stream served by
	 * {@link EventStreamRoute}), with what cuts it; guarded by {@code this}.
	 */
	private final Map<Object, Cut> active = new HashMap<>();

	/** Completes when no request is left; guarded by {@code this}. */
	private Sinks.@Nullable Empty<Void> idle;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith(API)) {
			return chain.filter(exchange);
		}
		return track(exchange, chain.filter(exchange), () -> closeConnection(exchange));
	}

	/**
	 * The handling of a request, counted while it runs.
	 * @param request what identifies the request while it is handled
	 * @param handling subscribed to once the request is counted
	 * @param closeConnection closes the request's connection when it is cut
	 */
	Mono<Void> track(Object request, Mono<Void> handling, Runnable closeConnection) {
		return Mono.defer(() -> handling.takeUntilOther(add(request, closeConnection)))
			.doFinally((signal) -> remove(request));
	}

	private synchronized Mono<Void> add(Object request, Runnable closeConnection) {
		Cut cut = new Cut(Sinks.empty(), closeConnection);
		this.active.put(request, cut);
		return cut.handlingStopped().asMono();
	}

	private void remove(Object request) {
		Sinks.Empty<Void> nowIdle = null;
		synchronized (this) {
			this.active.remove(request);
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
		List<Cut> remaining;
		synchronized (this) {
			remaining = new ArrayList<>(this.active.values());
		}
		remaining.forEach((cut) -> {
			cut.closeConnection().run();
			cut.handlingStopped().tryEmitEmpty();
		});
		return remaining.size();
	}

	private static void closeConnection(ServerWebExchange exchange) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (nativeRequest instanceof Connection connection) {
			connection.dispose();
		}
	}

	/** What cuts a request: its connection closed, then its handling stopped. */
	private record Cut(Sinks.Empty<Void> handlingStopped, Runnable closeConnection) {
	}

}
