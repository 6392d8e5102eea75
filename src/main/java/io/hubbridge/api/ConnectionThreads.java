package io.hubbridge.api;

import java.util.concurrent.Executor;

import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * The thread that serves a response's connection: what is handed to it there is written
 * without crossing threads again.
 */
final class ConnectionThreads {

	private ConnectionThreads() {
	}

	/**
	 * The event loop of the response's connection, or the calling thread where the
	 * response has no Netty connection (a mock in a test).
	 */
	static Executor of(ServerHttpResponse response) {
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		if (nativeResponse instanceof Connection connection) {
			return connection.channel().eventLoop();
		}
		return Runnable::run;
	}

}
