package io.hubbridge.room;

import java.net.URI;
import java.time.Clock;
import java.util.Random;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.config.UpstreamHttpClient;
import io.hubbridge.limits.RejectedRequests;
import io.hubbridge.phoenix.PhoenixClient;
import io.hubbridge.phoenix.PhoenixEndpoint;
import io.hubbridge.phoenix.SocketUrl;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the rooms: the upstream client, the event encoder and the registry with its
 * meters. The upstream is the configured {@code bridge.hub.url}, or the embedded Hub when
 * none is configured, with {@code bridge.hub.params} added to its query and, for
 * {@code wss://}, the configured certificates to trust.
 */
@Configuration(proxyBeanMethods = false)
class RoomConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RoomConfiguration.class);

	@Bean
	PhoenixClient phoenixClient(BridgeProperties properties, ObjectProvider<SslBundles> sslBundles) {
		return new PhoenixClient(UpstreamHttpClient.create(properties.hub(), sslBundles.getIfAvailable()));
	}

	@Bean
	SseFrames sseFrames(JsonMapper jsonMapper) {
		return new SseFrames(jsonMapper);
	}

	@Bean(destroyMethod = "closeAll")
	RoomRegistry roomRegistry(BridgeProperties properties, PhoenixClient phoenixClient,
			ObjectProvider<PhoenixEndpoint> embeddedHub, SseFrames sseFrames, MeterRegistry meterRegistry,
			RejectedRequests rejectedRequests) {
		BridgeProperties.Hub hub = properties.hub();
		URI baseUrl = (hub.url() != null) ? hub.url() : embeddedHub.getObject().socketUrl();
		URI socketUrl = SocketUrl.withParams(baseUrl, hub.params());
		if ("wss".equalsIgnoreCase(socketUrl.getScheme())) {
			logger.info("Upstream Hub at {}, trusting {}", SocketUrl.redacted(socketUrl),
					UpstreamHttpClient.describe(hub));
		}
		else {
			logger.info("Upstream Hub at {}", SocketUrl.redacted(socketUrl));
		}
		return new RoomRegistry(properties, phoenixClient, socketUrl, sseFrames, Clock.systemUTC(),
				Schedulers.parallel(), new Random(), meterRegistry, rejectedRequests);
	}

	/** The {@code upstream} health component; in no probe group (see the class). */
	@Bean
	UpstreamHealthIndicator upstreamHealthIndicator(RoomRegistry roomRegistry) {
		return new UpstreamHealthIndicator(roomRegistry);
	}

}
