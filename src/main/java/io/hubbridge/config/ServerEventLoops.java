package io.hubbridge.config;

import java.time.Duration;

import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The HTTP server's own event loops and connection pool, disposed with the application.
 * Spring's default shares Reactor Netty's process-wide resources and disposes them when
 * any application context closes, which would also stop every other context's server,
 * embedded Hub and upstream connections in the same JVM (test suites run many contexts).
 * There are {@code bridge.server.event-loops} loops, one per core by default.
 */
@Configuration(proxyBeanMethods = false)
class ServerEventLoops {

	@Bean
	ReactorResourceFactory reactorResourceFactory(BridgeProperties properties,
			@Value("${spring.reactor.netty.shutdown-quiet-period:2s}") Duration shutdownQuietPeriod) {
		int eventLoops = properties.server().eventLoopCount();
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setLoopResourcesSupplier(() -> LoopResources.create("webflux-http", eventLoops, true));
		resources.setShutdownQuietPeriod(shutdownQuietPeriod);
		return resources;
	}

}
