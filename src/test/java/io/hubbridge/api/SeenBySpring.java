package io.hubbridge.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * The paths of the requests that passed Spring's web filters, for tests of what the
 * bridge's own routes serve without them ({@code @Import} it).
 */
@TestConfiguration
class SeenBySpring {

	final List<String> paths = new CopyOnWriteArrayList<>();

	@Bean
	WebFilter seenBySpringFilter() {
		return (exchange, chain) -> {
			this.paths.add(exchange.getRequest().getPath().value());
			return chain.filter(exchange);
		};
	}

}
