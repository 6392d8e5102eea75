package io.hubbridge.hub;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import io.hubbridge.phoenix.Serializer.Version;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Hub's HTTP side: {@code GET /socket/websocket} upgraded to a websocket, with the
 * serializer chosen by {@code vsn}; everything else answered as Phoenix and Cowboy do.
 * Every Origin is accepted, as Hub's dev settings do.
 */
final class HubEndpoint implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	static final String SOCKET_PATH = "/socket/websocket";

	private static final Logger logger = LoggerFactory.getLogger(HubEndpoint.class);

	/** Phoenix 1.4 accepts {@code ~> 1.0.0} (V1) and {@code ~> 2.0.0} (V2). */
	private static final Pattern VSN = Pattern.compile("([12])\\.0\\.(0|[1-9][0-9]*)");

	private static final WebsocketServerSpec WEBSOCKET = WebsocketServerSpec.builder()
		.maxFramePayloadLength(HubJson.MAX_FRAME_BYTES)
		.handlePing(true)
		.build();

	private final HubRegistry registry;

	private final Duration idleTimeout;

	HubEndpoint(HubRegistry registry, Duration idleTimeout) {
		this.registry = registry;
		this.idleTimeout = idleTimeout;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		QueryStringDecoder uri = new QueryStringDecoder(request.uri());
		if (!SOCKET_PATH.equals(uri.path())) {
			return response.status(HttpResponseStatus.NOT_FOUND)
				.header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
				.sendString(Mono.just("Not Found"));
		}
		if (!HttpMethod.GET.equals(request.method())) {
			return response.status(HttpResponseStatus.BAD_REQUEST).send();
		}
		Version version = version(uri.parameters().get("vsn"));
		if (version == null) {
			logger.debug("refusing transport version {}", uri.parameters().get("vsn"));
			return response.status(HttpResponseStatus.FORBIDDEN)
				.header(HttpHeaderNames.CACHE_CONTROL, "max-age=0, private, must-revalidate")
				.send();
		}
		if (!isWebsocketUpgrade(request)) {
			return response.status(HttpResponseStatus.UPGRADE_REQUIRED)
				.header(HttpHeaderNames.CONNECTION, "upgrade")
				.header(HttpHeaderNames.UPGRADE, "websocket")
				.send();
		}
		HubSocket socket = new HubSocket(this.registry, version, this.idleTimeout);
		return response.sendWebsocket(socket::handle, WEBSOCKET);
	}

	/**
	 * The serializer for the {@code vsn} query values (the last wins), or {@code null}.
	 */
	static @Nullable Version version(@Nullable List<String> values) {
		if (values == null || values.isEmpty()) {
			return Version.V1;
		}
		var matcher = VSN.matcher(values.get(values.size() - 1));
		if (!matcher.matches()) {
			return null;
		}
		return "1".equals(matcher.group(1)) ? Version.V1 : Version.V2;
	}

	private static boolean isWebsocketUpgrade(HttpServerRequest request) {
		String upgrade = request.requestHeaders().get(HttpHeaderNames.UPGRADE);
		return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
	}

}
