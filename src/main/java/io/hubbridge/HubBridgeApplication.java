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

	public static void main(String[] args) {
		SpringApplication.run(HubBridgeApplication.class, args);
	}

}
