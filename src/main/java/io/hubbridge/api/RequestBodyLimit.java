package io.hubbridge.api;

import java.util.concurrent.atomic.AtomicLong;

import io.hubbridge.config.BridgeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Caps request bodies at {@code bridge.validation.max-request-size} before they are
 * buffered: a declared {@code Content-Length} above the cap is answered with {@code 413}
 * at once, without reading the body; a body without one (chunked) is counted as it
 * arrives and fails with {@code 413} as soon as it passes the cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class RequestBodyLimit implements WebFilter {

	private static final Logger logger = LoggerFactory.getLogger(RequestBodyLimit.class);

	private final DataSize limit;

	private final JsonMapper json;

	RequestBodyLimit(BridgeProperties properties, JsonMapper json) {
		this.limit = properties.validation().maxRequestSize();
		this.json = json;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long declared = request.getHeaders().getContentLength();
		if (declared > this.limit.toBytes()) {
			RequestLogContext.with(logger.atDebug(), request)
				.log("refused {} {}: Content-Length {} is over {} bytes", request.getMethod(), request.getPath(),
						declared, this.limit.toBytes());
			return tooLarge(exchange);
		}
		ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return counted(super.getBody());
			}

		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

	private Flux<DataBuffer> counted(Flux<DataBuffer> body) {
		return Flux.defer(() -> {
			AtomicLong received = new AtomicLong();
			return body.map((buffer) -> {
				if (received.addAndGet(buffer.readableByteCount()) > this.limit.toBytes()) {
					DataBufferUtils.release(buffer);
					throw RejectedBodyException.tooLarge(this.limit);
				}
				return buffer;
			});
		});
	}

	/** Written here: the body was not read, so no handler (and no advice) runs. */
	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		// the unread body makes the connection unusable for another request
		exchange.getResponse().getHeaders().setConnection("close");
		return DirectProblems.write(exchange, this.json, RejectedBodyException.tooLarge(this.limit).getBody());
	}

}
