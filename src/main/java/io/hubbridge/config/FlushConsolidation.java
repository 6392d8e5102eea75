package io.hubbridge.config;

import io.netty.handler.flush.FlushConsolidationHandler;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Consolidates the flushes of each HTTP connection: a stream flushes once per event, and
 * at a room's busy rates the syscall per flush cost more than the write. Netty's handler
 * passes on at most one flush per event-loop pass (and every 256th at once while
 * reading), and never holds a flush back past that pass, so an event is not delayed.
 */
@Configuration(proxyBeanMethods = false)
class FlushConsolidation {

	private static final int EXPLICIT_FLUSH_AFTER_FLUSHES = 256;

	@Bean
	NettyServerCustomizer flushConsolidationCustomizer() {
		return (server) -> server.doOnConnection((connection) -> connection.addHandlerFirst("flushConsolidation",
				new FlushConsolidationHandler(EXPLICIT_FLUSH_AFTER_FLUSHES, true)));
	}

}
