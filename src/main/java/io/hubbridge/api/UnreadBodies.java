package io.hubbridge.api;

import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Closes the connection after an answer given before the request's body was read: a
 * refusal (credentials missing, wrong media type, rate limited, shutting down, …) leaves
 * the rest of the body on the connection, and a client that sent its next request on it
 * could wait for an answer that never comes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnreadBodies implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!hasBody(request.getHeaders())) {
			return chain.filter(exchange);
		}
		AtomicBoolean read = new AtomicBoolean();
		ServerHttpRequest tracked = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().doOnComplete(() -> read.set(true));
			}
		};
		exchange.getResponse().beforeCommit(() -> {
			if (!read.get()) {
				exchange.getResponse().getHeaders().setConnection("close");
			}
			return Mono.empty();
		});
		return chain.filter(exchange.mutate().request(tracked).build());
	}

	private static boolean hasBody(HttpHeaders headers) {
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

}
