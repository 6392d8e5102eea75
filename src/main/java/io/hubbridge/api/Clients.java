package io.hubbridge.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

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
		String address = ofAddress(exchange.getRequest().getRemoteAddress());
		return exchange.getPrincipal()
			.map(Principal::getName)
			.filter((name) -> !name.isBlank())
			.map((name) -> "principal:" + name)
			.defaultIfEmpty(address);
	}

	/** The key of a client known only by its address: {@code address:IP}. */
	static String ofAddress(@Nullable InetSocketAddress remote) {
		return "address:" + address(remote);
	}

	private static String address(@Nullable InetSocketAddress remote) {
		if (remote == null) {
			return "unknown";
		}
		InetAddress address = remote.getAddress();
		return (address != null) ? address.getHostAddress() : remote.getHostString();
	}

}
