package io.hubbridge.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.hubbridge.HubBridgeApplication;
import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.RoomSession;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.SseClient;
import io.hubbridge.support.SseEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application (what SIGTERM does) with live subscribers, a websocket user and
 * a post in flight, over real sockets: the bridge runs on a random port against an
 * embedded Hub that the test owns, and each test closes it.
 */
class GracefulShutdownIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * One per test (JUnit makes an instance per test): a client kept across tests could
	 * reuse a kept-alive connection to a closed bridge whose port a new one got again.
	 */
	private final HttpClient http = HttpClient.newHttpClient();

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

	private final EmbeddedHub hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofSeconds(45));

	private final ReadinessRecorder readiness = new ReadinessRecorder();

	private final List<SseClient> subscribers = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext bridge;

	private RoomRegistry rooms;

	private String base;

	@BeforeEach
	void start() {
		this.hub.start();
	}

	private void startBridge(Duration shutdownTimeout) {
		this.bridge = new SpringApplicationBuilder(HubBridgeApplication.class).listeners(this.readiness)
			.registerShutdownHook(false)
			// arguments: application.yml's server.port outranks default properties
			.run("--server.port=0", "--bridge.embedded-hub.port=0", "--bridge.hub.url=" + this.hub.socketUrl(),
					"--bridge.shutdown.timeout=" + shutdownTimeout.toMillis() + "ms",
					"--bridge.shutdown.retry-after=3s", "--bridge.rooms.join-wait=30s");
		this.base = "http://localhost:" + ((WebServerApplicationContext) this.bridge).getWebServer().getPort();
		this.rooms = this.bridge.getBean(RoomRegistry.class);
	}

	@AfterEach
	void stop() {
		this.subscribers.forEach(SseClient::close);
		if (this.bridge != null) {
			this.bridge.close();
		}
		this.hub.stop();
	}

	@Test
	void subscribersGetAShutdownEventThenTheirStreamEndsAndTheBridgeLeavesHub() {
		startBridge(SHUTDOWN_TIMEOUT);
		try (HubUser alice = HubUser.join(this.hub.socketUrl(), "lobby", "alice")) {
			SseClient first = joinedStream("lobby");
			SseClient second = joinedStream("lobby");
			SseClient otherRoom = joinedStream("kitchen");
			alice.next("presence_diff", (diff) -> diff.at("/payload/joins").has("hub-bridge"));
			long started = System.nanoTime();
			this.bridge.close();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHUTDOWN_TIMEOUT);
			for (SseClient subscriber : List.of(first, second, otherRoom)) {
				SseEvent shutdown = subscriber.next("shutdown");
				assertThat(shutdown.id()).matches("[0-9a-z]+-\\d+");
				JsonNode data = JSON.readTree(shutdown.data());
				assertThat(data.get("reason").stringValue()).isEqualTo("shutting-down");
				assertThat(data.get("retryAfterMs").longValue()).isEqualTo(3000);
				assertThat(subscriber.retry()).as("the retry hint before the event").isEqualTo(3000L);
				Awaitility.await().atMost(Duration.ofSeconds(30)).until(subscriber::isClosed);
				assertThat(subscriber.drain()).as("nothing after the shutdown event").isEmpty();
			}
			alice.next("presence_diff", (diff) -> diff.at("/payload/leaves").has("hub-bridge"));
			assertThat(this.readiness.refusedWhileStreamsWereOpen).as("readiness went down before the streams ended")
				.containsExactly(true);
		}
	}

	@Test
	void readinessGoesDownNewStreamsAndRoomsAreRefusedAndAPostInFlightStillCompletes() throws Exception {
		startBridge(SHUTDOWN_TIMEOUT);
		SseClient first = joinedStream("lobby");
		SseClient second = joinedStream("lobby");
		this.hub.stop();
		awaitUpstreamLost(first);
		// Hub is away: the post waits for the room to be joined again
		CompletableFuture<ResponseEntity<String>> inFlight = postInBackground();
		InFlightRequests requests = this.bridge.getBean(InFlightRequests.class);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> requests.count() == 3);
		CompletableFuture<Void> closed = CompletableFuture.runAsync(this.bridge::close);

		for (SseClient subscriber : List.of(first, second)) {
			assertThat(subscriber.next("shutdown").data()).contains("\"reason\":\"shutting-down\"");
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(subscriber::isClosed);
		}
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
		HttpResponse<String> liveness = get("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"status\":\"UP\"");
		HttpResponse<String> newStream = get("/api/rooms/lobby/events");
		assertShuttingDown(newStream);
		assertShuttingDown(post("/api/rooms/new-room/shouts", "{\"name\":\"robin\",\"body\":\"no\"}"));
		assertThat(this.readiness.refusedWhileStreamsWereOpen).first().isEqualTo(true);
		assertThat(inFlight).as("the post still waits for Hub").isNotDone();
		assertThat(closed).as("the bridge waits for the post").isNotDone();

		this.hub.start();
		ResponseEntity<String> answer = inFlight.get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(answer.getStatusCode().is2xxSuccessful()).isTrue();
		assertThat(JSON.readTree(answer.getBody()).get("room").stringValue()).isEqualTo("lobby");
		closed.get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.bridge.isActive()).isFalse();
	}

	@Test
	void requestsThatOutstayTheTimeoutAreCutAndTheBridgeStopsInTime() {
		Duration timeout = Duration.ofSeconds(2);
		startBridge(timeout);
		SseClient subscriber = joinedStream("lobby");
		this.hub.stop();
		awaitUpstreamLost(subscriber);
		// Hub stays away: the post would wait for the room's join for 30 s
		CompletableFuture<ResponseEntity<String>> stuck = postInBackground();
		InFlightRequests requests = this.bridge.getBean(InFlightRequests.class);
		Awaitility.await().until(() -> requests.count() == 2);
		long started = System.nanoTime();
		this.bridge.close();
		// the drain is bounded by the timeout; Spring's own teardown comes on top
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(timeout.plusSeconds(2));
		assertThat(subscriber.next("shutdown").data()).contains("\"reason\":\"shutting-down\"");
		assertThat(stuck).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.withMessageContaining("Connection prematurely closed");
	}

	private CompletableFuture<ResponseEntity<String>> postInBackground() {
		return WebClient.create(this.base)
			.post()
			.uri("/api/rooms/lobby/shouts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"in flight\"}")
			.retrieve()
			.toEntity(String.class)
			.toFuture();
	}

	private static void assertShuttingDown(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(response.body()).get("type").stringValue())
			.isEqualTo("urn:hub-bridge:problem:shutting-down");
	}

	private static void awaitUpstreamLost(SseClient subscriber) {
		while (true) {
			JsonNode upstream = JSON.readTree(subscriber.next("upstream").data());
			if (!upstream.get("state").stringValue().equals("joined")) {
				return;
			}
		}
	}

	/** A stream on the room once its upstream has joined and sent the room's presence. */
	private SseClient joinedStream(String room) {
		SseClient stream = SseClient.connect(this.base + "/api/rooms/" + room + "/events");
		this.subscribers.add(stream);
		stream.awaitJoined();
		return stream;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Notes, when readiness goes down, whether every stream was still open then (on the
	 * bridge and at the subscriber).
	 */
	private final class ReadinessRecorder implements ApplicationListener<AvailabilityChangeEvent<?>> {

		final List<Boolean> refusedWhileStreamsWereOpen = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
			if (event.getState() != ReadinessState.REFUSING_TRAFFIC || !this.refusedWhileStreamsWereOpen.isEmpty()) {
				return;
			}
			int registered = GracefulShutdownIntegrationTests.this.rooms.list()
				.stream()
				.mapToInt(RoomSession::subscriberCount)
				.sum();
			List<SseClient> streams = GracefulShutdownIntegrationTests.this.subscribers;
			boolean open = registered == streams.size() && streams.stream().noneMatch(SseClient::isClosed);
			this.refusedWhileStreamsWereOpen.add(open);
		}

	}

}
