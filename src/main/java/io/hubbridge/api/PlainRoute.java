package io.hubbridge.api;

import java.util.List;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A route of Reactor Netty's own, ahead of Spring's web stack, for the requests that need
 * nothing of it. What {@link #parse} makes of a request decides whether the route takes
 * it, and is kept on its connection for {@link #serve}, which the routes call next, so
 * that it is parsed once. Every request it declines goes on to Spring.
 *
 * @param <T> what a request the route takes asks for
 */
abstract class PlainRoute<T> implements NettyRouteProvider {

	private final AttributeKey<T> asked = AttributeKey.valueOf(getClass(), "asked");

	@Override
	public final HttpServerRoutes apply(HttpServerRoutes routes) {
		return routes.route(this::takes, this::dispatch);
	}

	/**
	 * What the request asks for, when the route serves it.
	 * @return {@code null} when Spring should serve the request
	 */
	protected abstract @Nullable T parse(HttpServerRequest request);

	protected abstract Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response, T asked);

	private boolean takes(HttpServerRequest request) {
		T parsed = parse(request);
		if (parsed == null) {
			return false;
		}
		((Connection) request).channel().attr(this.asked).set(parsed);
		return true;
	}

	private Publisher<Void> dispatch(HttpServerRequest request, HttpServerResponse response) {
		return serve(request, response, ((Connection) request).channel().attr(this.asked).getAndRemove());
	}

	/**
	 * Whether Spring, not Reactor Netty, applies {@code X-Forwarded-*} headers
	 * ({@code server.forward-headers-strategy=framework}): a route would see the proxy's
	 * address.
	 */
	static boolean springForwardsHeaders(Environment environment) {
		return "framework".equalsIgnoreCase(environment.getProperty("server.forward-headers-strategy", "none"));
	}

	/** Whether the request's {@code Accept} (none: anything) allows the media type. */
	static boolean accepts(HttpHeaders headers, MediaType type) {
		List<String> accept = headers.getAll(HttpHeaderNames.ACCEPT);
		if (accept.isEmpty()) {
			return true;
		}
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch((acceptable) -> acceptable.isCompatibleWith(type));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
