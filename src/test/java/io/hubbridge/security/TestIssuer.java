package io.hubbridge.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.Executors;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local token issuer for tests: its OpenID discovery document and its public key set,
 * served by the JDK's HTTP server (not Reactor Netty, whose shared event loops a closing
 * Spring context may dispose).
 */
final class TestIssuer {

	private final String uri;

	private TestIssuer(String uri) {
		this.uri = uri;
	}

	static TestIssuer start(RSAPublicKey key) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
			String discovery = "{\"issuer\":\"" + uri + "\",\"jwks_uri\":\"" + uri + "/jwks\","
					+ "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"],"
					+ "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
			String jwks = new JWKSet(new RSAKey.Builder(key).build()).toString();
			server.createContext("/issuer/.well-known/openid-configuration", (exchange) -> json(exchange, discovery));
			server.createContext("/.well-known/openid-configuration/issuer", (exchange) -> json(exchange, discovery));
			server.createContext("/issuer/jwks", (exchange) -> json(exchange, jwks));
			server.setExecutor(Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "test-issuer");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return new TestIssuer(uri);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String uri() {
		return this.uri;
	}

	private static void json(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
