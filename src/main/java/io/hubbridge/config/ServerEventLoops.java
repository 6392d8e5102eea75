package io.hubbridge.config;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The HTTP server's own event loops and connection pool, disposed with the application.
 * Spring's default shares Reactor Netty's process-wide resources and disposes them when
 * any application context closes, which would also stop every other context's server,
 * embedded Hub and upstream connections in the same JVM (test suites run many contexts).
 */
@Configuration(proxyBeanMethods = false)
class ServerEventLoops {

	@Bean
	ReactorResourceFactory reactorResourceFactory(
			@Value("${spring.reactor.netty.shutdown-quiet-period:2s}") Duration shutdownQuietPeriod) {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setShutdownQuietPeriod(shutdownQuietPeriod);
		return resources;
	}

}
