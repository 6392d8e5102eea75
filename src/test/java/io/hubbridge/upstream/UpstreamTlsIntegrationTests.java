package io.hubbridge.upstream;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hubbridge.HubBridgeApplication;
import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.support.HttpReads;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import io.hubbridge.support.TlsProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code wss://} Hub: the embedded Hub behind {@link TlsProxy}, whose certificate (for
 * {@code localhost}, signed by a test CA) the JDK does not trust. With the CA configured
 * (as a PEM location or as a Spring Boot SSL bundle) the bridge joins and shouts flow
 * both ways; without it, or under another host name, every attempt fails with a reason
 * that says why, and the bridge keeps trying.
 */
class UpstreamTlsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<ConfigurableApplicationContext> bridges = new ArrayList<>();

	private EmbeddedHub hub;

	private TlsProxy tls;

	// per test: a closing bridge disposes Reactor Netty's shared event loops, and the
	// embedded Hub's with them
	@BeforeEach
	void startHub() {
		this.hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofSeconds(45));
		this.hub.start();
		this.tls = TlsProxy.to(new InetSocketAddress("127.0.0.1", this.hub.port()));
	}

	@AfterEach
	void stopAll() {
		this.bridges.forEach(ConfigurableApplicationContext::close);
		this.tls.close();
		this.hub.stop();
	}

	@Test
	void withTheCaBundleTheBridgeJoinsAndShoutsFlowBothWays() {
		int port = bridge(Map.of("bridge.hub.url", wssUrl("localhost"), "bridge.hub.ca-bundle", TlsProxy.CA_LOCATION));
		assertShoutsFlow(port, "tls-ca");
	}

	@Test
	void withAnSslBundleTheBridgeJoinsAndShoutsFlowBothWays() {
		int port = bridge(Map.of("bridge.hub.url", wssUrl("localhost"), "bridge.hub.ssl-bundle", "hub",
				"spring.ssl.bundle.pem.hub.truststore.certificate", TlsProxy.CA_LOCATION));
		assertShoutsFlow(port, "tls-bundle");
	}

	@Test
	void withTheJdkTrustStoreEveryAttemptFailsWithTheReasonAndTheBridgeKeepsTrying() {
		int port = bridge(Map.of("bridge.hub.url", wssUrl("localhost")));
		String reason = assertAttemptsFail(port, "tls-untrusted");
		assertThat(reason).contains("TLS handshake with wss://localhost:" + this.tls.port() + "/socket/websocket")
			.contains("certification path");
	}

	@Test
	void aHostNameTheCertificateDoesNotNameFailsEvenWithTheCaBundle() {
		int port = bridge(Map.of("bridge.hub.url", wssUrl("127.0.0.1"), "bridge.hub.ca-bundle", TlsProxy.CA_LOCATION));
		String reason = assertAttemptsFail(port, "tls-hostname");
		assertThat(reason).contains("TLS handshake with wss://127.0.0.1:" + this.tls.port()).contains("127.0.0.1");
	}

	private void assertShoutsFlow(int port, String room) {
		try (SseClient stream = joinedStream(port, room);
				HubUser user = HubUser.join(this.hub.socketUrl(), room, "robin")) {
			user.shout("robin", "from Hub over TLS");
			assertThat(json(stream.next("shout")).get("body").stringValue()).isEqualTo("from Hub over TLS");
			http(port).post()
				.uri("/api/rooms/" + room + "/shouts")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"name\":\"ann\",\"body\":\"to Hub over TLS\"}")
				.exchange()
				.expectStatus()
				.isCreated()
				// read to the end: a body left unread keeps its buffers
				.expectBody()
				.returnResult();
			JsonNode echoed = user.next("shout", (frame) -> frame.at("/payload/name").asString("").equals("ann"));
			assertThat(echoed.at("/payload/body").stringValue()).isEqualTo("to Hub over TLS");
		}
	}

	/** Waits for a third failed attempt and checks the room detail; the last reason. */
	private String assertAttemptsFail(int port, String room) {
		try (SseClient stream = SseClient.connect(base(port) + "/api/rooms/" + room + "/events")) {
			JsonNode failed;
			do {
				failed = json(stream.next("upstream"));
				assertThat(failed.get("state").stringValue()).isNotEqualTo("joined");
			}
			while (!failed.get("state").stringValue().equals("failed") || failed.get("attempt").asInt() < 3);
			String reason = failed.get("reason").stringValue();
			JsonNode detail = HttpReads.okJson(http(port), "/api/rooms/" + room);
			assertThat(detail.get("upstream").stringValue()).isNotEqualTo("joined");
			assertThat(detail.get("reason").stringValue()).startsWith("TLS handshake with");
			return reason;
		}
	}

	private SseClient joinedStream(int port, String room) {
		SseClient stream = SseClient.connect(base(port) + "/api/rooms/" + room + "/events");
		// an upstream event says joined, or the first presence does when the join came
		// before the stream was registered
		SseEvent event = stream.next();
		while (!event.data().contains("\"upstream\":\"joined\"")
				&& !(event.event().equals("upstream") && json(event).get("state").stringValue().equals("joined"))) {
			if (event.event().equals("upstream")) {
				assertThat(json(event).get("state").stringValue()).as(event.data()).isNotEqualTo("failed");
			}
			event = stream.next();
		}
		return stream;
	}

	private int bridge(Map<String, Object> properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HubBridgeApplication.class)
			.properties(properties)
			// arguments: application.yml's server.port outranks default properties
			.run("--server.port=0", "--bridge.embedded-hub.port=0");
		this.bridges.add(context);
		return ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
	}

	private String wssUrl(String host) {
		return "wss://" + host + ":" + this.tls.port() + "/socket/websocket";
	}

	private static String base(int port) {
		return "http://localhost:" + port;
	}

	private static WebTestClient http(int port) {
		return WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30)).baseUrl(base(port)).build();
	}

	private static JsonNode json(SseEvent event) {
		return JSON.readTree(event.data());
	}

}
