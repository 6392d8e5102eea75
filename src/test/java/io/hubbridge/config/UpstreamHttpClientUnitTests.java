package io.hubbridge.config;

import java.util.Map;

import io.hubbridge.support.TestProperties;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What stops the start-up: a TLS configuration the bridge cannot use. */
class UpstreamHttpClientUnitTests {

	@Test
	void aCaBundleThatCannotBeReadStopsTheStartUp() {
		BridgeProperties.Hub hub = TestProperties.bind(Map.of("bridge.hub.ca-bundle", "/no/such/ca.pem")).hub();
		assertThatThrownBy(() -> UpstreamHttpClient.create(hub, null)).hasStackTraceContaining("/no/such/ca.pem");
	}

	@Test
	void aCaBundleAndAnSslBundleTogetherAreRefused() {
		BridgeProperties.Hub hub = TestProperties
			.bind(Map.of("bridge.hub.ca-bundle", "classpath:tls/ca.pem", "bridge.hub.ssl-bundle", "hub"))
			.hub();
		assertThatIllegalStateException().isThrownBy(() -> UpstreamHttpClient.create(hub, null))
			.withMessage("Set bridge.hub.ca-bundle or bridge.hub.ssl-bundle, not both");
	}

	@Test
	void theCaBundleMayBeThePemTextItself() throws Exception {
		String pem = new String(getClass().getResourceAsStream("/tls/ca.pem").readAllBytes());
		BridgeProperties.Hub hub = TestProperties.bind(Map.of("bridge.hub.ca-bundle", pem)).hub();
		assertThat(UpstreamHttpClient.create(hub, null)).isNotNull();
	}

	@Test
	void sessionsGetConnectionsOfTheirOwnWithNoPoolToCapTheRooms() {
		BridgeProperties.Hub hub = TestProperties.bind(Map.of()).hub();
		ConnectionProvider provider = UpstreamHttpClient.create(hub, null).configuration().connectionProvider();
		assertThat(provider).as("a new connection for each session").isSameAs(ConnectionProvider.newConnection());
		assertThat(HttpClient.create().configuration().connectionProvider().maxConnections())
			.as("what the default pool would have allowed")
			.isEqualTo(500);
	}

}
