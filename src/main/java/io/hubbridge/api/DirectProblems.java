package io.hubbridge.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Problems written by web filters, before any handler runs, and by the routes served
 * outside Spring ({@link EventStreamRoute}, {@link ShoutPostRoute}): same shape as the
 * advice's, and written as they are, whatever the request's {@code Accept} says.
 */
final class DirectProblems {

	private DirectProblems() {
	}

	static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, ProblemDetail problem) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] bytes = json.writeValueAsBytes(body(problem, exchange.getRequest().getPath().value()));
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
	}

	/** The refusal's problem, with its headers (such as {@code Retry-After}). */
	static Mono<Void> write(HttpServerResponse response, JsonMapper json, String path, ErrorResponseException refused) {
		byte[] body = json.writeValueAsBytes(body(refused.getBody(), path));
		refused.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		return response.status(refused.getStatusCode().value())
			.header(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	/** The problem's members, its own properties (such as {@code errors}) last. */
	static Map<String, Object> body(ProblemDetail problem, String path) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", path);
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
