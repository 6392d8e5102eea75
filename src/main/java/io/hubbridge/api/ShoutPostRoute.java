package io.hubbridge.api;

import io.hubbridge.config.BridgeProperties;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Serves {@code POST /api/rooms/{room}/shouts} as a route of Reactor Netty's own, ahead
 * of Spring's web stack, for the requests {@link PlainShoutRequests} picks. Through
 * Spring's filters, handler mapping, argument resolution and result handling a post cost
 * about 0.7 ms of CPU, which bounded how many shouts a second the bridge could take. The
 * checks, the idempotency keys, the rate limit, the problems and the count of requests in
 * flight for a graceful shutdown are the same as there ({@link ShoutPosting}).
 */
@Component
class ShoutPostRoute extends PlainRoute<PlainShoutRequests.ShoutPostRequest> {

	private static final Logger logger = LoggerFactory.getLogger(ShoutPostRoute.class);

	private static final byte[] NO_BODY = new byte[0];

	private final PlainShoutRequests plainPosts;

	private final InputRules rules;

	private final ShoutPosting posting;

	private final InFlightRequests inFlight;

	private final JsonMapper json;

	ShoutPostRoute(InputRules rules, ShoutPosting posting, InFlightRequests inFlight, JsonMapper json,
			BridgeProperties properties, Environment environment) {
		this.plainPosts = new PlainShoutRequests(rules, properties, springForwardsHeaders(environment));
		this.rules = rules;
		this.posting = posting;
		this.inFlight = inFlight;
		this.json = json;
	}

	@Override
	protected PlainShoutRequests.@Nullable ShoutPostRequest parse(HttpServerRequest request) {
		return this.plainPosts.parse(request.method(), request.uri(), request.requestHeaders());
	}

	@Override
	protected Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response,
			PlainShoutRequests.ShoutPostRequest asked) {
		Connection connection = (Connection) request;
		Mono<String> client = Mono.fromSupplier(() -> Clients.ofAddress(request.remoteAddress()));
		Mono<Void> answered = request.receive()
			.aggregate()
			.asByteArray()
			.defaultIfEmpty(NO_BODY)
			.map((body) -> ShoutRequest.from(JsonBodies.parse(body), this.rules))
			.flatMap((shout) -> this.posting.post(asked.room(), asked.idempotencyKey(), shout, client))
			.flatMap((posted) -> answer(response, posted))
			.onErrorResume(ErrorResponseException.class,
					(refused) -> DirectProblems.write(response, this.json, asked.path(), refused))
			.onErrorResume((ex) -> unexpected(response, asked, ex));
		return this.inFlight.track(request, answered, connection::dispose);
	}

	private Mono<Void> answer(HttpServerResponse response, ShoutPosting.PostedShout posted) {
		byte[] body = this.json.writeValueAsBytes(posted.receipt());
		if (posted.replayed()) {
			response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
		}
		return response.status(posted.status().value())
			.header(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	private Mono<Void> unexpected(HttpServerResponse response, PlainShoutRequests.ShoutPostRequest asked,
			Throwable ex) {
		logger.atError()
			.setCause(ex)
			.addKeyValue("room", asked.room())
			.log("Unexpected error on POST {}", asked.path());
		if (response.hasSentHeaders()) {
			return Mono.error(ex);
		}
		ErrorResponseException failed = new ErrorResponseException(HttpStatus.INTERNAL_SERVER_ERROR);
		failed.getBody().setType(ProblemTypes.INTERNAL);
		failed.getBody().setDetail("The bridge failed to handle the request");
		return DirectProblems.write(response, this.json, asked.path(), failed);
	}

}
