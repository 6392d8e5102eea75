package io.hubbridge.api;

import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses an {@code Accept} or {@code Content-Type} header that is not a media type at
 * all. Spring would refuse it too, but could then not write its problem (it negotiates
 * the answer's type with the same unreadable header) and answered with an empty body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 101)
class UnreadableHeaders implements WebFilter {

	private final JsonMapper json;

	UnreadableHeaders(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		List<String> accept = headers.getOrEmpty(HttpHeaders.ACCEPT);
		try {
			accept.forEach(MediaType::parseMediaTypes);
		}
		catch (InvalidMediaTypeException ex) {
			return refuse(exchange, HttpStatus.NOT_ACCEPTABLE, ProblemTypes.NOT_ACCEPTABLE, "Not Acceptable",
					"The Accept header is not a list of media types: " + ex.getMessage());
		}
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		try {
			if (contentType != null) {
				MediaType.parseMediaType(contentType);
			}
		}
		catch (InvalidMediaTypeException ex) {
			return refuse(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
					"Unsupported Media Type",
					"The Content-Type header is not a media type: " + ex.getMessage() + "; use application/json");
		}
		return chain.filter(exchange);
	}

	private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, java.net.URI type, String title,
			String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return DirectProblems.write(exchange, this.json, problem);
	}

}
