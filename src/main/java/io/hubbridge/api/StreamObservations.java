package io.hubbridge.api;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Leaves event streams out of the HTTP server observations. A stream lasts as long as its
 * subscriber stays, so its observation would hold its context (several maps) for hours
 * and time nothing useful; streams have the room meters instead.
 */
@Configuration(proxyBeanMethods = false)
class StreamObservations {

	private static final String EVENTS_PATH_END = "/events";

	@Bean
	ObservationPredicate noEventStreamObservations() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier().getPath().value().endsWith(EVENTS_PATH_END));
	}

}
