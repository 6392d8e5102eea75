package io.hubbridge.api;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.limits.ConcurrencyLimiter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Serves {@code GET /api/rooms/{room}/events} as a route of Reactor Netty's own, ahead of
 * Spring's web stack, for the requests {@link PlainStreamRequests} picks. A stream lives
 * for hours, and everything a request holds while it is handled lives as long: through
 * Spring's filters, handler mapping and annotated controller that was about 22 KiB per
 * idle stream, here it is about 6 KiB, and a stream takes half the CPU to open. What such
 * a stream needs of the rest is kept: the per-client stream limit, the count of requests
 * in flight for a graceful shutdown, problems for refusals.
 */
@Component
class EventStreamRoute extends PlainRoute<PlainStreamRequests.StreamRequest> {

	private final PlainStreamRequests plainStreams;

	private final EventStreams streams;

	private final StreamsPerClient streamsPerClient;

	private final InFlightRequests inFlight;

	private final JsonMapper json;

	EventStreamRoute(EventStreams streams, StreamsPerClient streamsPerClient, InFlightRequests inFlight,
			JsonMapper json, BridgeProperties properties, Environment environment) {
		this.plainStreams = new PlainStreamRequests(streams, properties, springForwardsHeaders(environment));
		this.streams = streams;
		this.streamsPerClient = streamsPerClient;
		this.inFlight = inFlight;
		this.json = json;
	}

	@Override
	protected PlainStreamRequests.@Nullable StreamRequest parse(HttpServerRequest request) {
		if (!HttpVersion.HTTP_1_1.equals(request.version())) {
			// written as a chunked HTTP/1.1 body
			return null;
		}
		return this.plainStreams.parse(request.method(), request.uri(), request.requestHeaders());
	}

	@Override
	protected Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response,
			PlainStreamRequests.StreamRequest asked) {
		Connection connection = (Connection) request;
		ConcurrencyLimiter.Permit permit;
		ConnectionStream stream;
		try {
			permit = this.streamsPerClient.acquire(Clients.ofAddress(request.remoteAddress()));
			try {
				stream = this.streams.open(asked.room(), asked.lastEventId(), asked.wanted(), connection);
			}
			catch (RuntimeException ex) {
				permit.release();
				throw ex;
			}
		}
		catch (ErrorResponseException refused) {
			return DirectProblems.write(response, this.json, asked.path(), refused);
		}
		// the head first, then retry: and the events straight to the connection
		Mono<Void> written = response.header(HttpHeaderNames.CONTENT_TYPE, MediaType.TEXT_EVENT_STREAM_VALUE)
			.header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
			.header("X-Accel-Buffering", "no")
			.header(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
			.sendHeaders()
			.then(stream.write())
			.then();
		Mono<Void> closedIfStuck = this.streams.closedIfStuck(written, stream.fellBehind(), asked.room(),
				connection::dispose);
		return this.inFlight.track(request, closedIfStuck, connection::dispose).doFinally((signal) -> {
			stream.leave();
			permit.release();
		});
	}

}
