package io.hubbridge.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoop;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;

/**
 * The thread that serves a response's connection, as a scheduler: what is handed to it
 * there is written without crossing threads again. One scheduler per event loop, so a
 * stream costs none of its own.
 */
@Component
class ConnectionThreads {

	private final Map<EventLoop, Scheduler> schedulers = new ConcurrentHashMap<>();

	/**
	 * The event loop of the response's connection, or the calling thread where the
	 * response has no Netty connection (a mock in a test).
	 */
	Scheduler of(ServerHttpResponse response) {
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		if (nativeResponse instanceof Connection connection) {
			return this.schedulers.computeIfAbsent(connection.channel().eventLoop(), Schedulers::fromExecutor);
		}
		return Schedulers.immediate();
	}

}
