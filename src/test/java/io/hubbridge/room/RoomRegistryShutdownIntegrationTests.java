package io.hubbridge.room;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;

import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.phoenix.PhoenixClient;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry's part of a shutdown, against the embedded Hub over a real websocket:
 * streams end with a {@code shutdown} event, new rooms and streams are refused, open
 * rooms keep serving, and closing waits until every upstream has left Hub.
 */
class RoomRegistryShutdownIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final EmbeddedHub hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofSeconds(45));

	private RoomRegistry rooms;

	@BeforeEach
	void start() {
		this.hub.start();
		this.rooms = new RoomRegistry(TestProperties.bind(Map.of()), new PhoenixClient(HttpClient.create()),
				this.hub.socketUrl(), new SseFrames(JsonMapper.builder().build()), Clock.systemUTC(),
				Schedulers.parallel(), new Random(), new SimpleMeterRegistry());
	}

	@AfterEach
	void stop() {
		this.rooms.closeAll().block(WAIT);
		this.hub.stop();
	}

	@Test
	void streamsEndWithAShutdownEventAndNewRoomsAndStreamsAreRefused() {
		try (HubUser watcher = HubUser.join(this.hub.socketUrl(), "open", "watcher")) {
			Flux<RoomEvent> stream = this.rooms.subscribe("open", null, EnumSet.allOf(EventType.class));
			StepVerifier.create(stream)
				.expectNextMatches((event) -> event.type() == EventType.PRESENCE)
				.then(() -> watcher.next("presence_diff", (diff) -> diff.at("/payload/joins").has("hub-bridge")))
				.then(() -> this.rooms.shutdown(Duration.ofSeconds(3)))
				.thenConsumeWhile((event) -> event.type() != EventType.SHUTDOWN)
				.expectNextMatches((event) -> event.type() == EventType.SHUTDOWN)
				.expectComplete()
				.verify(WAIT);
			assertThat(this.rooms.isShuttingDown()).isTrue();
			assertThat(this.rooms.open("open")).as("an open room still serves requests")
				.isSameAs(this.rooms.find("open").orElseThrow());
			assertThatThrownBy(() -> this.rooms.open("new")).isInstanceOfSatisfying(ShuttingDownException.class,
					(ex) -> {
						assertThat(ex.getBody().getType()).isEqualTo(ShuttingDownException.TYPE);
						assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("3");
					});
			assertThatThrownBy(() -> this.rooms.subscribe("open", null, EnumSet.allOf(EventType.class)))
				.isInstanceOf(ShuttingDownException.class);
			assertThat(this.rooms.find("new")).isEmpty();
		}
	}

	@Test
	void closingAllCompletesOnceEveryUpstreamHasLeftHub() {
		try (HubUser red = HubUser.join(this.hub.socketUrl(), "red", "watcher");
				HubUser blue = HubUser.join(this.hub.socketUrl(), "blue", "watcher")) {
			this.rooms.open("red");
			this.rooms.open("blue");
			red.next("presence_diff", (diff) -> diff.at("/payload/joins").has("hub-bridge"));
			blue.next("presence_diff", (diff) -> diff.at("/payload/joins").has("hub-bridge"));
			this.rooms.shutdown(Duration.ofSeconds(1));
			StepVerifier.create(this.rooms.closeAll()).expectComplete().verify(WAIT);
			assertThat(this.rooms.list()).isEmpty();
			red.next("presence_diff", (diff) -> diff.at("/payload/leaves").has("hub-bridge"));
			blue.next("presence_diff", (diff) -> diff.at("/payload/leaves").has("hub-bridge"));
		}
	}

}
