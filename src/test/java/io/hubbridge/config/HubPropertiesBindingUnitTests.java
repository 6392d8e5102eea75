package io.hubbridge.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Hub's TLS and secret properties, as the environment sets them. */
class HubPropertiesBindingUnitTests {

	@Test
	void defaultsAreNoParamsAndTheJdkTrustStore() {
		BridgeProperties.Hub hub = bindEnvironment(Map.of());
		assertThat(hub.params()).isEmpty();
		assertThat(hub.caBundle()).isNull();
		assertThat(hub.sslBundle()).isNull();
		assertThat(UpstreamHttpClient.describe(hub)).isEqualTo("the JDK trust store");
	}

	@Test
	void paramsAndBundlesComeFromEnvironmentVariables() {
		BridgeProperties.Hub hub = bindEnvironment(Map.of("BRIDGE_HUB_PARAMS_TOKEN", "s3cr3t", "BRIDGE_HUB_CABUNDLE",
				"/run/secrets/hub-ca.pem", "BRIDGE_HUB_URL", "wss://hub/socket/websocket"));
		assertThat(hub.params()).containsExactly(Map.entry("token", "s3cr3t"));
		assertThat(hub.caBundle()).isEqualTo("/run/secrets/hub-ca.pem");
		assertThat(UpstreamHttpClient.describe(hub)).isEqualTo("certificates of bridge.hub.ca-bundle");
	}

	@Test
	void printedPropertiesKeepSecretsOut() {
		BridgeProperties.Hub hub = bindEnvironment(
				Map.of("BRIDGE_HUB_PARAMS_TOKEN", "s3cr3t", "BRIDGE_HUB_URL", "wss://hub/socket/websocket?key=k3y"));
		assertThat(hub.toString()).contains("params=[token]", "key=****").doesNotContain("s3cr3t", "k3y");
	}

	private static BridgeProperties.Hub bindEnvironment(Map<String, Object> variables) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		return binder.bindOrCreate("bridge", Bindable.of(BridgeProperties.class)).hub();
	}

}
