package io.hubbridge.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the {@code 400}, {@code 401} and {@code 403} answers of the security filters as
 * RFC 9457 problem details, like every other error of the API. They are written here
 * because these requests never reach a controller.
 */
final class SecurityProblems {

	/** The stable type of a request refused for missing or bad credentials. */
	static final URI UNAUTHORIZED = URI.create("urn:hub-bridge:problem:unauthorized");

	/** The stable type of a request refused although its credentials are good. */
	static final URI FORBIDDEN = URI.create("urn:hub-bridge:problem:forbidden");

	/** The stable type of a request whose URL, method or headers cannot be accepted. */
	static final URI MALFORMED_REQUEST = URI.create("urn:hub-bridge:problem:malformed-request");

	private final JsonMapper json;

	SecurityProblems(JsonMapper json) {
		this.json = json;
	}

	Mono<Void> unauthorized(ServerWebExchange exchange, String detail, List<String> challenges) {
		ServerHttpResponse response = exchange.getResponse();
		challenges.forEach((challenge) -> response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, challenge));
		return write(exchange, HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized", detail);
	}

	Mono<Void> forbidden(ServerWebExchange exchange, String detail) {
		return write(exchange, HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", detail);
	}

	Mono<Void> malformed(ServerWebExchange exchange, String detail) {
		return write(exchange, HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Bad Request", detail);
	}

	private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, URI type, String title, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type.toString());
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		// the path only: a query may hold an access_token
		problem.put("instance", exchange.getRequest().getPath().value());
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setCacheControl("no-store");
		byte[] bytes = this.json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
		Mono<DataBuffer> body = Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes));
		return response.writeWith(body);
	}

}
