package io.hubbridge.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who a request comes from, for the per-client limits: the authenticated principal when
 * there is one, otherwise the remote address. Behind a proxy the remote address is the
 * proxy's, unless {@code server.forward-headers-strategy} makes it the client's from
 * {@code X-Forwarded-For} or {@code Forwarded}.
 */
final class Clients {

	private Clients() {
	}

	/** The client's key: {@code principal:NAME} or {@code address:IP}. */
	static Mono<String> of(ServerWebExchange exchange) {
		String address = "address:" + address(exchange.getRequest());
		return exchange.getPrincipal()
			.map(Principal::getName)
			.filter((name) -> !name.isBlank())
			.map((name) -> "principal:" + name)
			.defaultIfEmpty(address);
	}

	private static String address(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		InetAddress address = remote.getAddress();
		return (address != null) ? address.getHostAddress() : remote.getHostString();
	}

}
