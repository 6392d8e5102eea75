package io.hubbridge.support;

import java.net.URI;
import java.time.Duration;

import io.hubbridge.phoenix.PhoenixEndpoint;
import org.junit.jupiter.api.BeforeEach;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What tests of a bridge running on a random port share: its address, an HTTP client, the
 * Hub it uses, and streams on its rooms.
 */
public abstract class RunningBridge {

	/**
	 * The clients' own event loops, never disposed: an application context that closes
	 * (the test context cache evicts one) disposes Reactor Netty's global loops and pool,
	 * which a client using them could lose in the middle of a request.
	 */
	private static final LoopResources CLIENT_LOOPS = LoopResources.create("test-client", 2, true);

	@LocalServerPort
	protected int port;

	@Autowired
	protected PhoenixEndpoint hub;

	protected WebTestClient http;

	@BeforeEach
	void bridgeClient() {
		HttpClient client = HttpClient.create(ConnectionProvider.newConnection()).runOn(CLIENT_LOOPS);
		this.http = WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
			.responseTimeout(Duration.ofSeconds(30))
			.baseUrl(base())
			.build();
	}

	protected String base() {
		return "http://localhost:" + this.port;
	}

	protected URI hubUrl() {
		return this.hub.socketUrl();
	}

	protected String eventsUrl(String room) {
		return base() + "/api/rooms/" + room + "/events";
	}

	protected SseClient subscribe(String room) {
		return SseClient.connect(eventsUrl(room));
	}

	/** A stream on the room once its upstream has joined and sent the room's presence. */
	protected SseClient joinedStream(String room) {
		SseClient stream = subscribe(room);
		stream.awaitJoined();
		return stream;
	}

}
