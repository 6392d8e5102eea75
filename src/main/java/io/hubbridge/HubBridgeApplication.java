package io.hubbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * hub-bridge: one upstream Phoenix channel session per room to Hub, fanned out as
 * Server-Sent Events, with REST endpoints for shouts and presence.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HubBridgeApplication {

	/**
	 * How many items Reactor Netty takes ahead of a write. Its default of 128 costs each
	 * open stream a queue of 128 slots for its whole life (about 1 KiB of 8 per idle
	 * stream); the bridge writes each batch of events as one item, so a few suffice.
	 */
	static final String SEND_PREFETCH = "reactor.netty.send.maxPrefetchSize";

	public static void main(String[] args) {
		if (System.getProperty(SEND_PREFETCH) == null) {
			System.setProperty(SEND_PREFETCH, "8");
		}
		SpringApplication.run(HubBridgeApplication.class, args);
	}

}
