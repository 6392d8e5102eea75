package io.hubbridge.room;

import java.net.URI;
import java.time.Clock;
import java.util.Random;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.limits.RejectedRequests;
import io.hubbridge.phoenix.PhoenixClient;
import io.hubbridge.phoenix.PhoenixEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the rooms: the upstream client, the event encoder and the registry with its
 * meters. The upstream is the configured {@code bridge.hub.url}, or the embedded Hub when
 * none is configured.
 */
@Configuration(proxyBeanMethods = false)
class RoomConfiguration {

	@Bean
	PhoenixClient phoenixClient() {
		return new PhoenixClient(HttpClient.create());
	}

	@Bean
	SseFrames sseFrames(JsonMapper jsonMapper) {
		return new SseFrames(jsonMapper);
	}

	@Bean(destroyMethod = "closeAll")
	RoomRegistry roomRegistry(BridgeProperties properties, PhoenixClient phoenixClient,
			ObjectProvider<PhoenixEndpoint> embeddedHub, SseFrames sseFrames, MeterRegistry meterRegistry,
			RejectedRequests rejectedRequests) {
		URI socketUrl = (properties.hub().url() != null) ? properties.hub().url() : embeddedHub.getObject().socketUrl();
		return new RoomRegistry(properties, phoenixClient, socketUrl, sseFrames, Clock.systemUTC(),
				Schedulers.parallel(), new Random(), meterRegistry, rejectedRequests);
	}

}
