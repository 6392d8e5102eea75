package io.hubbridge.config;

import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The HTTP client the upstream websockets are opened with. A {@code wss://} Hub is
 * verified against the JDK's trust store unless {@code bridge.hub.ca-bundle} or
 * {@code bridge.hub.ssl-bundle} names other certificates to trust; the host name is
 * verified either way. A {@code ws://} Hub never uses TLS.
 */
public final class UpstreamHttpClient {

	private UpstreamHttpClient() {
	}

	/**
	 * A new HTTP client for the configured Hub.
	 * @param hub the Hub's properties
	 * @param sslBundles Spring Boot's SSL bundles, needed only with
	 * {@code bridge.hub.ssl-bundle}
	 * @throws IllegalStateException if both a CA bundle and an SSL bundle are configured,
	 * or an SSL bundle without bundles to find it in
	 */
	public static HttpClient create(BridgeProperties.Hub hub, @Nullable SslBundles sslBundles) {
		SslBundle bundle = bundle(hub, sslBundles);
		// a connection of its own for each session, never from a pool: a session holds
		// its
		// websocket for as long as the room is open, and the default pool would allow no
		// more than 500 rooms on one Hub
		HttpClient client = HttpClient.create(ConnectionProvider.newConnection());
		if (bundle == null) {
			// Reactor Netty's default for wss://: the JDK's trust store, host name
			// verified
			return client;
		}
		// read the certificates now, so that a wrong location stops the start-up
		SslManagerBundle managers = bundle.getManagers();
		managers.getTrustManagerFactory();
		Http11SslContextSpec tls = Http11SslContextSpec.forClient()
			.configure((builder) -> configure(builder, bundle, managers));
		// a configured SslContext keeps Reactor Netty's host name verification
		return client.secure((spec) -> spec.sslContext(tls));
	}

	/** What the upstream trusts, for the start-up log. */
	public static String describe(BridgeProperties.Hub hub) {
		if (hub.caBundle() != null) {
			return "certificates of bridge.hub.ca-bundle";
		}
		if (hub.sslBundle() != null) {
			return "SSL bundle '" + hub.sslBundle() + "'";
		}
		return "the JDK trust store";
	}

	private static @Nullable SslBundle bundle(BridgeProperties.Hub hub, @Nullable SslBundles sslBundles) {
		String caBundle = blankToNull(hub.caBundle());
		String sslBundle = blankToNull(hub.sslBundle());
		if (caBundle != null && sslBundle != null) {
			throw new IllegalStateException("Set bridge.hub.ca-bundle or bridge.hub.ssl-bundle, not both");
		}
		if (caBundle != null) {
			return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificates(caBundle)));
		}
		if (sslBundle != null) {
			if (sslBundles == null) {
				throw new IllegalStateException("bridge.hub.ssl-bundle is set but no SSL bundles are configured");
			}
			return sslBundles.getBundle(sslBundle);
		}
		return null;
	}

	private static void configure(SslContextBuilder builder, SslBundle bundle, SslManagerBundle managers) {
		builder.trustManager(managers.getTrustManagerFactory());
		if (bundle.getStores().getKeyStore() != null) {
			// a client certificate, for a Hub behind mutual TLS
			builder.keyManager(managers.getKeyManagerFactory());
		}
		SslOptions options = bundle.getOptions();
		if (options.getCiphers() != null) {
			builder.ciphers(SslOptions.asSet(options.getCiphers()));
		}
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
