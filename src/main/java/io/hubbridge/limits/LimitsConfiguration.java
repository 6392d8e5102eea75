package io.hubbridge.limits;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The counter of refused requests, shared by the rooms and the API. */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	RejectedRequests rejectedRequests(MeterRegistry meterRegistry) {
		return new RejectedRequests(meterRegistry);
	}

}
