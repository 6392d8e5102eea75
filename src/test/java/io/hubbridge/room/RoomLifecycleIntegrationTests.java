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
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rooms open on first demand and close a grace period after their last subscriber,
 * against the embedded Hub over a real websocket; the grace period runs on virtual time.
 */
class RoomLifecycleIntegrationTests {

	private final EmbeddedHub hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofSeconds(45));

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private RoomRegistry rooms;

	@BeforeEach
	void start() {
		this.hub.start();
		this.rooms = new RoomRegistry(TestProperties.bind(Map.of("bridge.rooms.grace-period", "30s")),
				new PhoenixClient(HttpClient.create()), this.hub.socketUrl(),
				new SseFrames(JsonMapper.builder().build()), Clock.systemUTC(), this.time, new Random(),
				new SimpleMeterRegistry());
	}

	@AfterEach
	void stop() {
		this.rooms.closeAll();
		this.hub.stop();
		this.time.dispose();
	}

	@Test
	void roomOpensOnFirstSubscriberAndClosesAfterItsGracePeriod() {
		try (HubUser watcher = HubUser.join(this.hub.socketUrl(), "life", "watcher")) {
			assertThat(this.rooms.find("life")).isEmpty();
			Disposable subscriber = this.rooms.subscribe("life", null, EnumSet.allOf(EventType.class)).subscribe();
			assertThat(this.rooms.find("life")).isPresent();
			watcher.next("presence_diff", (diff) -> diff.at("/payload/joins").has("hub-bridge"));
			subscriber.dispose();
			this.time.advanceTimeBy(Duration.ofSeconds(29));
			assertThat(this.rooms.find("life")).as("still open within the grace period").isPresent();
			this.time.advanceTimeBy(Duration.ofSeconds(1));
			assertThat(this.rooms.find("life")).as("closed after the grace period").isEmpty();
			assertThat(this.rooms.list()).isEmpty();
			watcher.next("presence_diff", (diff) -> diff.at("/payload/leaves").has("hub-bridge"));
		}
	}

	@Test
	void subscriberArrivingWithinTheGracePeriodKeepsTheSameSession() {
		Disposable first = this.rooms.subscribe("keep", null, EnumSet.allOf(EventType.class)).subscribe();
		RoomSession session = this.rooms.find("keep").orElseThrow();
		first.dispose();
		this.time.advanceTimeBy(Duration.ofSeconds(20));
		Disposable second = this.rooms.subscribe("keep", null, EnumSet.allOf(EventType.class)).subscribe();
		this.time.advanceTimeBy(Duration.ofMinutes(5));
		assertThat(this.rooms.find("keep")).containsSame(session);
		second.dispose();
		this.time.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(this.rooms.find("keep")).isEmpty();
	}

	@Test
	void roomOpenedOnlyByARequestClosesAfterTheGracePeriodToo() {
		this.rooms.open("request-only");
		this.time.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(this.rooms.find("request-only")).isEmpty();
	}

	@Test
	void aClosedRoomReopensAsANewSessionWithANewEpoch() {
		RoomSession first = this.rooms.open("again");
		this.time.advanceTimeBy(Duration.ofSeconds(30));
		RoomSession second = this.rooms.open("again");
		assertThat(second).isNotSameAs(first);
		assertThat(second.info().lastEventId()).isNotEqualTo(first.info().lastEventId());
	}

}
