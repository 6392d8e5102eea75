package io.hubbridge.hub;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import io.hubbridge.config.BridgeProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The embedded Hub is there exactly when no Hub URL is configured. */
class EmbeddedHubConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class, EmbeddedHubConfiguration.class)
		.withPropertyValues("bridge.embedded-hub.port=0");

	@Test
	void withoutAHubUrlTheEmbeddedHubListens() {
		this.runner.withPropertyValues("bridge.embedded-hub.idle-timeout=5s").run((context) -> {
			EmbeddedHub hub = context.getBean(EmbeddedHub.class);
			assertThat(hub.isRunning()).isTrue();
			assertThat(hub.socketUrl().toString()).startsWith("ws://127.0.0.1:").endsWith("/socket/websocket");
			assertThatCode(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5_000);
				}
			}).doesNotThrowAnyException();
		});
	}

	@Test
	void anEmptyHubUrlMeansTheEmbeddedHub() {
		this.runner.withPropertyValues("bridge.hub.url=")
			.run((context) -> assertThat(context).hasSingleBean(EmbeddedHub.class));
	}

	@Test
	void withAHubUrlNothingIsEmbedded() {
		this.runner.withPropertyValues("bridge.hub.url=ws://hub.example:4000/socket/websocket")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedHub.class));
	}

	@Test
	void aHubUrlFromTheEnvironmentCountsToo() {
		Map<String, Object> environment = Map.of("BRIDGE_HUB_URL", "ws://hub.example:4000/socket/websocket");
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								environment)))
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedHub.class));
	}

	@Test
	void theEmbeddedHubStopsWithTheContext() {
		EmbeddedHub[] hub = new EmbeddedHub[1];
		this.runner.run((context) -> hub[0] = context.getBean(EmbeddedHub.class));
		assertThat(hub[0].isRunning()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BridgeProperties.class)
	static class PropertiesConfiguration {

	}

}
