package io.hubbridge.room;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.phoenix.JoinSpec;
import io.hubbridge.phoenix.PhoenixClient;
import io.hubbridge.phoenix.Serializer;
import io.hubbridge.room.presence.Presence;
import io.hubbridge.support.ScriptedUpstream;
import io.hubbridge.support.SseEvent;
import io.hubbridge.support.SseParser;
import io.hubbridge.support.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room's upstream against real sockets, with its retry delays on virtual time and
 * jitter pinned to none, so that the schedules and the order of {@code upstream} events
 * are checked exactly: what is said at once, and what waits for the delay.
 */
class RoomUpstreamIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Jitter factor exactly 1: {@code nextDouble()} is 0.5. */
	private static final RandomGenerator NO_JITTER = () -> Long.MIN_VALUE;

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();

	private RoomSession session;

	private RoomUpstream upstream;

	private Disposable subscription;

	private EmbeddedHub hub;

	private ScriptedUpstream scripted;

	@AfterEach
	void stop() {
		if (this.upstream != null) {
			this.upstream.stop();
		}
		if (this.subscription != null) {
			this.subscription.dispose();
		}
		if (this.hub != null) {
			this.hub.stop();
		}
		if (this.scripted != null) {
			this.scripted.close();
		}
		this.time.dispose();
	}

	@Test
	void lossIsSaidAtOnceAndTheRejoinWaitsForItsDelay() {
		this.hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofSeconds(45));
		this.hub.start();
		start(this.hub.socketUrl());
		assertUpstream(next(), "joined", 1);
		assertThat(next().event()).isEqualTo("presence");
		this.hub.stop();
		SseEvent lost = next();
		assertUpstream(lost, "reconnecting", 1);
		assertThat(json(lost).get("reason").stringValue()).isEqualTo("Hub crashed the channel (phx_error)");
		this.hub.start();
		this.time.advanceTimeBy(Duration.ofMillis(999));
		assertThat(this.hub.connections()).as("no attempt before the rejoin delay").isZero();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertUpstream(next(), "joined", 1);
		assertThat(next().event()).isEqualTo("presence");
		assertThat(this.events).isEmpty();
		assertThat(this.session.info().reconnects()).isEqualTo(1);
		assertThat(counter(RoomMetrics.RECONNECTS)).isEqualTo(1);
		assertThat(failures("channel-error")).isEqualTo(1);
	}

	@Test
	void refusedJoinsAreReportedAndRetriedOnTheRejoinSchedule() {
		this.scripted = new ScriptedUpstream().refuseJoins(3);
		start(this.scripted.socketUrl());
		long[] delays = { 1000, 2000, 5000 };
		for (int attempt = 1; attempt <= 3; attempt++) {
			SseEvent failed = next();
			assertUpstream(failed, "failed", attempt);
			assertThat(json(failed).get("reason").stringValue()).contains("join crashed");
			this.time.advanceTimeBy(Duration.ofMillis(delays[attempt - 1] - 1));
			assertThat(this.events).as("nothing before the delay of retry %d", attempt).isEmpty();
			this.time.advanceTimeBy(Duration.ofMillis(1));
			assertUpstream(next(), "reconnecting", attempt + 1);
		}
		assertUpstream(next(), "joined", 4);
		assertThat(failures("join-refused")).isEqualTo(3);
		assertThat(counter(RoomMetrics.RECONNECTS)).as("never joined before").isZero();
	}

	@Test
	void unreachableHubIsRetriedOnTheReconnectScheduleAndStopEndsTheRetries() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		start(URI.create("ws://127.0.0.1:" + closedPort + "/socket/websocket"));
		long[] delays = { 10, 50, 100, 150, 200 };
		for (int attempt = 1; attempt <= delays.length; attempt++) {
			SseEvent failed = next();
			assertUpstream(failed, "failed", attempt);
			assertThat(json(failed).get("reason").stringValue()).startsWith("could not connect to");
			this.time.advanceTimeBy(Duration.ofMillis(delays[attempt - 1] - 1));
			assertThat(this.events).isEmpty();
			this.time.advanceTimeBy(Duration.ofMillis(1));
			assertUpstream(next(), "reconnecting", attempt + 1);
		}
		assertUpstream(next(), "failed", delays.length + 1);
		assertThat(failures("connect")).isEqualTo(delays.length + 1);
		assertThat(this.session.info().upstream()).isEqualTo("failed");
		assertThat(this.session.info().reason()).startsWith("could not connect to");
		this.upstream.stop();
		this.time.advanceTimeBy(Duration.ofMinutes(5));
		assertThat(this.events).as("no attempt after stop").isEmpty();
	}

	private void start(URI socketUrl) {
		RoomMetrics metrics = new RoomMetrics(this.meters, "lobby");
		this.session = new RoomSession("lobby", "e1", TestProperties.bind(Map.of()).rooms(),
				new Presence((key) -> !key.equals("hub-bridge")), new SseFrames(JSON), Clock.systemUTC(), () -> {
				}, metrics);
		JoinSpec spec = new JoinSpec(socketUrl, Serializer.Version.V1, "room:lobby",
				JsonNodeFactory.instance.objectNode().put("username", "hub-bridge"), Duration.ofSeconds(5),
				Duration.ofSeconds(5), Duration.ofSeconds(30), 1 << 20,
				Set.of("presence_state", "presence_diff", "shout"));
		this.upstream = new RoomUpstream(this.session, new PhoenixClient(HttpClient.create()), spec, this.time,
				NO_JITTER, metrics);
		this.subscription = this.session.subscribe(null, EnumSet.allOf(EventType.class))
			.subscribe((event) -> this.events.addAll(sse(event)));
		assertThat(next().event()).as("the first snapshot").isEqualTo("presence");
		this.upstream.start();
	}

	/** The next event, waiting (bounded) for what arrives from a socket. */
	private SseEvent next() {
		try {
			SseEvent event = this.events.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("an event within 10 s").isNotNull();
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void assertUpstream(SseEvent event, String state, int attempt) {
		assertThat(event.event()).as("%s", event).isEqualTo("upstream");
		assertThat(json(event).get("state").stringValue()).as("%s", event).isEqualTo(state);
		assertThat(json(event).get("attempt").intValue()).as("%s", event).isEqualTo(attempt);
	}

	private double failures(String cause) {
		return this.meters.get(RoomMetrics.FAILURES).tag("room", "lobby").tag("cause", cause).counter().count();
	}

	private double counter(String name) {
		return this.meters.get(name).tag("room", "lobby").counter().count();
	}

	private static List<SseEvent> sse(RoomEvent event) {
		return new SseParser().feed(new String(event.sse(), StandardCharsets.UTF_8));
	}

	private static JsonNode json(SseEvent event) {
		return JSON.readTree(event.data());
	}

}
