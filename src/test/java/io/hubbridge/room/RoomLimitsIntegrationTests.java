package io.hubbridge.room;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.limits.Limit;
import io.hubbridge.limits.LimitExceededException;
import io.hubbridge.limits.RejectedRequests;
import io.hubbridge.phoenix.PhoenixClient;
import io.hubbridge.support.TestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registry's limits on open rooms and subscribers per room, against the embedded Hub
 * over a real websocket; grace periods run on virtual time.
 */
class RoomLimitsIntegrationTests {

	private final EmbeddedHub hub = new EmbeddedHub("127.0.0.1", 0, Duration.ofSeconds(45));

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final RejectedRequests rejections = new RejectedRequests(this.meters);

	private final List<Disposable> subscribers = new ArrayList<>();

	private RoomRegistry rooms;

	@BeforeEach
	void start() {
		this.hub.start();
		this.rooms = new RoomRegistry(
				TestProperties.bind(Map.of("bridge.rooms.grace-period", "30s", "bridge.limits.max-rooms", "3",
						"bridge.limits.max-subscribers-per-room", "2", "bridge.limits.retry-after", "7s")),
				new PhoenixClient(HttpClient.create()), this.hub.socketUrl(),
				new SseFrames(JsonMapper.builder().build()), Clock.systemUTC(), this.time, new Random(), this.meters,
				this.rejections);
	}

	@AfterEach
	void stop() {
		this.subscribers.forEach(Disposable::dispose);
		this.rooms.closeAll();
		this.hub.stop();
		this.time.dispose();
	}

	@Test
	void oneRoomMoreThanTheMaximumIsRefusedWhileOpenRoomsCarryOn() {
		RoomSession a = this.rooms.open("a");
		subscribe("b");
		this.rooms.open("c");
		assertThatExceptionOfType(LimitExceededException.class).isThrownBy(() -> this.rooms.open("d"))
			.satisfies((refused) -> {
				assertThat(refused.limit()).isEqualTo(Limit.TOO_MANY_ROOMS);
				assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
			});
		assertThatExceptionOfType(LimitExceededException.class)
			.isThrownBy(() -> this.rooms.subscribe("d", null, EnumSet.allOf(EventType.class)))
			.as("refused at once, before a stream starts");
		assertThat(this.rooms.find("d")).isEmpty();
		assertThat(this.rooms.open("a")).as("an open room is still served").isSameAs(a);
		subscribe("b");
		assertThat(this.rooms.list()).extracting(RoomSession::room).containsExactly("a", "b", "c");
		assertThat(this.rejections.count(Limit.TOO_MANY_ROOMS)).isEqualTo(2);
		assertThat(this.meters.get(RoomRegistry.OPEN_ROOMS).gauge().value()).isEqualTo(3);
		assertThat(this.meters.get(RoomRegistry.MAX_ROOMS).gauge().value()).isEqualTo(3);
	}

	@Test
	void aRoomClosingAfterItsGracePeriodFreesItsPlace() {
		this.rooms.open("a");
		this.rooms.open("b");
		Disposable c = subscribe("c");
		assertThatExceptionOfType(LimitExceededException.class).isThrownBy(() -> this.rooms.open("d"));
		c.dispose();
		this.time.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(this.rooms.list()).isEmpty();
		assertThat(this.rooms.open("d").room()).isEqualTo("d");
		assertThat(this.meters.get(RoomRegistry.OPEN_ROOMS).gauge().value()).isEqualTo(1);
	}

	@Test
	void roomsOpenedConcurrentlyNeverExceedTheMaximum() throws Exception {
		int threads = 12;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> opened = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				String room = "race-" + i;
				opened.add(pool.submit(() -> {
					start.await();
					try {
						this.rooms.open(room);
						return true;
					}
					catch (LimitExceededException ex) {
						return false;
					}
				}));
			}
			start.countDown();
			int succeeded = 0;
			for (Future<Boolean> each : opened) {
				succeeded += each.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(succeeded).isEqualTo(3);
			assertThat(this.rooms.list()).hasSize(3);
			assertThat(this.rejections.count(Limit.TOO_MANY_ROOMS)).isEqualTo(threads - 3);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFullRoomRefusesOneSubscriberMoreUntilOneLeaves() {
		Disposable first = subscribe("full");
		subscribe("full");
		assertThat(this.rooms.find("full").orElseThrow().subscriberCount()).isEqualTo(2);
		assertThatExceptionOfType(LimitExceededException.class)
			.isThrownBy(() -> this.rooms.subscribe("full", null, EnumSet.allOf(EventType.class)))
			.satisfies((refused) -> {
				assertThat(refused.limit()).isEqualTo(Limit.ROOM_FULL);
				assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
			});
		assertThat(this.rejections.count(Limit.ROOM_FULL)).isEqualTo(1);
		subscribe("other");
		first.dispose();
		subscribe("full");
		assertThat(this.rooms.find("full").orElseThrow().subscriberCount()).isEqualTo(2);
	}

	@Test
	void subscribersThatRaceForTheLastPlaceAreNeverMoreThanTheMaximum() {
		// both pass the registry's check before either has subscribed: the room itself
		// takes one, and ends the other's events at once, counted as refused
		var first = this.rooms.subscribe("race", null, EnumSet.allOf(EventType.class));
		var second = this.rooms.subscribe("race", null, EnumSet.allOf(EventType.class));
		var third = this.rooms.subscribe("race", null, EnumSet.allOf(EventType.class));
		this.subscribers.add(first.subscribe());
		this.subscribers.add(second.subscribe());
		List<RoomEvent> ofThird = new ArrayList<>();
		boolean[] ended = new boolean[1];
		this.subscribers.add(third.subscribe(ofThird::add, (ex) -> {
		}, () -> ended[0] = true));
		assertThat(this.rooms.find("race").orElseThrow().subscriberCount()).isEqualTo(2);
		assertThat(ofThird).isEmpty();
		assertThat(ended[0]).as("the third stream ended at once").isTrue();
		assertThat(this.rejections.count(Limit.ROOM_FULL)).isEqualTo(1);
	}

	private Disposable subscribe(String room) {
		Disposable subscriber = this.rooms.subscribe(room, null, EnumSet.allOf(EventType.class)).subscribe();
		this.subscribers.add(subscriber);
		return subscriber;
	}

}
