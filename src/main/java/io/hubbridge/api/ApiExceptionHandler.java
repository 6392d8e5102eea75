package io.hubbridge.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.security.RejectedExchanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.UriUtils;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Every error as RFC 9457 problem details with a stable {@code type} per kind of error,
 * for Spring's own exceptions as for ours.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private final DataSize maxRequestSize;

	ApiExceptionHandler(BridgeProperties properties) {
		this.maxRequestSize = properties.validation().maxRequestSize();
	}

	/** A codec's own limit, which {@link RequestBodyLimit} normally reaches first. */
	@ExceptionHandler(DataBufferLimitException.class)
	Mono<ResponseEntity<Object>> handleTooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
		ProblemDetail problem = RejectedBodyException.tooLarge(this.maxRequestSize).getBody();
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, exchange);
	}

	/**
	 * Spring Security's firewall checks query parameters when a controller reads them.
	 */
	@ExceptionHandler(ServerExchangeRejectedException.class)
	Mono<ResponseEntity<Object>> handleRejected(ServerExchangeRejectedException ex, ServerWebExchange exchange) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				RejectedExchanges.detail(ex.getMessage()));
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, exchange);
	}

	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		RequestLogContext.with(logger.atError(), exchange.getRequest())
			.setCause(ex)
			.log("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The bridge failed to handle the request");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		if (body == null && ex instanceof ErrorResponse errorResponse) {
			body = errorResponse.getBody();
		}
		// Always problem+json, also for a stream request that only accepts
		// text/event-stream; some exceptions' headers are read-only.
		HttpHeaders problemHeaders = new HttpHeaders();
		problemHeaders.putAll(headers);
		problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (body instanceof ProblemDetail problem) {
			if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
				problem.setType(typeFor(status));
			}
			if (problem.getDetail() == null) {
				problem.setDetail(detailFor(ex, status));
			}
			if (problem.getInstance() == null) {
				// Spring would set it with URI.create(path), which throws for paths such
				// as "//"
				problem.setInstance(instanceFor(exchange.getRequest().getPath().value()));
			}
		}
		return super.handleExceptionInternal(ex, body, problemHeaders, status, exchange);
	}

	private static URI instanceFor(String path) {
		try {
			return new URI(path);
		}
		catch (URISyntaxException ex) {
			String encoded = UriUtils.encodePath(path.replaceFirst("^/{2,}", "/"), StandardCharsets.UTF_8);
			try {
				return new URI(encoded);
			}
			catch (URISyntaxException stillNot) {
				return ABOUT_BLANK;
			}
		}
	}

	/** Spring leaves some details out, such as for a request without a content type. */
	private static String detailFor(Exception ex, HttpStatusCode status) {
		if (ex instanceof UnsupportedMediaTypeStatusException unsupported) {
			return (unsupported.getContentType() != null)
					? "Content type '" + unsupported.getContentType() + "' not supported; use application/json"
					: "The request has no Content-Type; use application/json";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "HTTP " + status.value();
	}

	private static URI typeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> ProblemTypes.MALFORMED_REQUEST;
			case 404 -> ProblemTypes.NOT_FOUND;
			case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
			case 406 -> ProblemTypes.NOT_ACCEPTABLE;
			case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
			case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
			default -> ProblemTypes.INTERNAL;
		};
	}

}
