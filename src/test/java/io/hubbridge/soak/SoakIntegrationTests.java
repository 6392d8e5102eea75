package io.hubbridge.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.room.EventId;
import io.hubbridge.room.RecentShout;
import io.hubbridge.room.RoomRegistry;
import io.hubbridge.room.RoomSession;
import io.hubbridge.support.SseStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak: thousands of subscribers over many rooms that keep disconnecting and resuming
 * with {@code Last-Event-ID}, shouts flowing all the time, the embedded Hub stopped and
 * started a few times. Not part of the default build: {@code ./mvnw -Psoak verify}, sized
 * by {@link SoakSettings}. It prints what was expected and delivered, what was lost
 * outside declared outages and resets, duplicates, order violations, heap and RSS, and
 * fails if anything was lost, doubled or reordered.
 */
@Tag("soak")
// every subscriber is on one address
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.limits.max-streams-per-client=1000000" })
class SoakIntegrationTests {

	private static final String BRIDGE_USER = "hub-bridge";

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedHub hub;

	@Autowired
	RoomRegistry registry;

	@Test
	void subscribersChurningThroughHubRestartsLoseNothingTheBridgePromised() throws IOException {
		SoakSettings settings = SoakSettings.fromSystemProperties();
		System.out.println("soak: " + settings.describe());
		List<RoomTally> rooms = IntStream.range(0, settings.rooms())
			.mapToObj((i) -> new RoomTally(String.format(Locale.ROOT, "soak-%02d", i)))
			.toList();
		List<SoakShouter> shouters = rooms.stream()
			.map((room) -> new SoakShouter(this.hub.socketUrl(), room.room(), BRIDGE_USER, settings.shoutInterval()))
			.toList();
		Memory atStart = Memory.now();
		SoakCounts counts = new SoakCounts();
		AtomicInteger restarts = new AtomicInteger();
		AtomicReference<Throwable> restartFailure = new AtomicReference<>();
		List<Disposable> running = new ArrayList<>();
		shouters.forEach((shouter) -> running.add(shouter.start()));
		long started = System.nanoTime();
		try (SseStreams streams = new SseStreams("soak", settings.subscribers() * 2)) {
			Churn churn = new Churn();
			List<Mono<Void>> subscribers = new ArrayList<>();
			for (int i = 0; i < settings.subscribers(); i++) {
				RoomTally room = rooms.get(i % rooms.size());
				SoakSubscriber subscriber = new SoakSubscriber(eventsUrl(room.room()), room, counts, settings,
						settings.seed() + i);
				// connections spread over the first seconds
				subscribers.add(Mono.delay(Duration.ofMillis(i * 2L)).then(subscriber.run(streams, churn)));
			}
			Mono<Void> allSubscribers = Mono.when(subscribers).cache();
			running.add(allSubscribers.subscribe());
			running.add(hubRestarts(settings, restarts).subscribe(null, restartFailure::set));
			Mono.delay(settings.duration()).block();

			shouters.forEach(SoakShouter::stopShouting);
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.until(() -> IntStream.range(0, rooms.size())
					.allMatch((i) -> lastShoutSeenByBridge(rooms.get(i).room()) >= shouters.get(i).lastBroadcast()));
			rooms.forEach((room) -> room.lastSeq(roomSeq(room.room())));
			churn.stop();
			allSubscribers.block(Duration.ofMinutes(5));
		}
		finally {
			running.forEach(Disposable::dispose);
		}
		Duration ran = Duration.ofNanos(System.nanoTime() - started);
		Memory atEnd = Memory.now();
		ShoutCounts shouts = ShoutCounts.of(rooms, shouters);
		long reconnects = rooms.stream()
			.mapToLong(
					(room) -> this.registry.find(room.room()).map((session) -> session.info().reconnects()).orElse(0))
			.sum();
		System.out.println(report(settings, ran, counts, shouts, restarts.get(), reconnects, atStart, atEnd));
		assertThat(restartFailure.get()).as("restarting the Hub").isNull();
		assertThat(restarts.get()).as("Hub restarts").isEqualTo(settings.hubRestarts());
		assertThat(counts.lost.sum()).as("events lost outside declared resets").isZero();
		assertThat(counts.duplicates.sum()).as("duplicates").isZero();
		assertThat(counts.orderViolations.sum()).as("order violations").isZero();
		assertThat(counts.foreignEpochs.sum()).as("room sessions changed without a reset").isZero();
		assertThat(counts.badStarts.sum()).as("streams that did not start with a presence snapshot").isZero();
		assertThat(counts.notCaughtUp.sum()).as("subscribers that did not reach the last event").isZero();
		assertThat(shouts.lostWhileJoined()).as("shouts Hub broadcast to the joined bridge that no subscriber got")
			.isZero();
	}

	/** Stops the Hub and starts it again, evenly spread over the run. */
	private Flux<Void> hubRestarts(SoakSettings settings, AtomicInteger restarts) {
		if (settings.hubRestarts() == 0) {
			return Flux.empty();
		}
		Duration every = settings.duration().dividedBy(settings.hubRestarts() + 1);
		// stop() and start() wait for the server socket: not on a non-blocking thread
		Mono<Void> restart = Mono.delay(every.minus(settings.hubOutage()))
			.publishOn(Schedulers.boundedElastic())
			.then(Mono.fromRunnable(this.hub::stop))
			.then(Mono.delay(settings.hubOutage()))
			.publishOn(Schedulers.boundedElastic())
			.then(Mono.<Void>fromRunnable(this.hub::start))
			.doOnSuccess((ignored) -> restarts.incrementAndGet());
		return restart.repeat(settings.hubRestarts() - 1L);
	}

	private long lastShoutSeenByBridge(String room) {
		return this.registry.find(room)
			.map((session) -> session.recentShouts(1))
			.filter((shouts) -> !shouts.isEmpty())
			.map((shouts) -> shouts.get(0))
			.map(RecentShout::shout)
			.map((shout) -> (long) Integer.parseInt(shout.body().substring(1)))
			.orElse(-1L);
	}

	private long roomSeq(String room) {
		RoomSession session = this.registry.find(room).orElseThrow();
		return EventId.parse(session.info().lastEventId()).orElseThrow().seq();
	}

	private String eventsUrl(String room) {
		return "http://localhost:" + this.port + "/api/rooms/" + room + "/events";
	}

	private static String report(SoakSettings settings, Duration ran, SoakCounts counts, ShoutCounts shouts,
			int restarts, long reconnects, Memory atStart, Memory atEnd) {
		long delivered = counts.delivered.sum();
		long lost = counts.lost.sum();
		StringBuilder report = new StringBuilder("\n==== hub-bridge soak ====\n");
		line(report, "run", "%s; ran %d s", settings.describe(), ran.toSeconds());
		line(report, "streams", "%d opened (%d resumed with Last-Event-ID), %d failed, %d ended by the bridge",
				counts.connections.sum(), counts.resumes.sum(), counts.streamErrors.sum(), counts.endedByBridge.sum());
		line(report, "events",
				"expected %d, delivered %d, lost %d (outside declared outages and resets), "
						+ "duplicates %d, order violations %d",
				delivered + lost, delivered, lost, counts.duplicates.sum(), counts.orderViolations.sum());
		line(report, "declared",
				"%d resets covering %d events; %d Hub restarts, %d upstream reconnects over the "
						+ "rooms, %d upstream events received",
				counts.resets.sum(), counts.declaredLost.sum(), restarts, reconnects, counts.upstreamEvents.sum());
		line(report, "checks",
				"%d foreign sessions, %d streams not starting with presence, "
						+ "%d subscribers not caught up at the end",
				counts.foreignEpochs.sum(), counts.badStarts.sum(), counts.notCaughtUp.sum());
		line(report, "shouts",
				"%d sent, %d broadcast by Hub (%d while the bridge was joined, %d while it was "
						+ "away), %d seen by subscribers; lost while joined %d",
				shouts.sent(), shouts.broadcast(), shouts.whileJoined(), shouts.whileAway(), shouts.seen(),
				shouts.lostWhileJoined());
		line(report, "memory", "heap used after GC %d MiB at start, %d MiB at end; RSS %d MiB at start, %d MiB at end",
				atStart.heapMiB(), atEnd.heapMiB(), atStart.rssMiB(), atEnd.rssMiB());
		return report.append("=========================").toString();
	}

	private static void line(StringBuilder report, String label, String format, Object... values) {
		report.append(String.format(Locale.ROOT, "%-10s", label + ":"))
			.append(String.format(Locale.ROOT, format, values))
			.append('\n');
	}

	/** Shouts sent, broadcast and seen, added up over the rooms. */
	private record ShoutCounts(long sent, long whileJoined, long whileAway, long seen, long lostWhileJoined) {

		static ShoutCounts of(List<RoomTally> rooms, List<SoakShouter> shouters) {
			long sent = 0;
			long whileJoined = 0;
			long whileAway = 0;
			long seen = 0;
			long lostWhileJoined = 0;
			for (int i = 0; i < rooms.size(); i++) {
				SoakShouter shouter = shouters.get(i);
				Set<Integer> seenInRoom = rooms.get(i).seenShouts();
				sent += shouter.sent();
				whileJoined += shouter.broadcastWithBridge().size();
				whileAway += shouter.broadcastWithoutBridge().size();
				seen += seenInRoom.size();
				Set<Integer> missing = new HashSet<>(shouter.broadcastWithBridge());
				missing.removeAll(seenInRoom);
				lostWhileJoined += missing.size();
			}
			return new ShoutCounts(sent, whileJoined, whileAway, seen, lostWhileJoined);
		}

		long broadcast() {
			return this.whileJoined + this.whileAway;
		}

	}

	/** Heap used after a collection, and the process's resident set. */
	private record Memory(long heapBytes, long rssKiB) {

		static Memory now() throws IOException {
			System.gc();
			System.gc();
			long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			long rss = Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
				.findFirst()
				.orElse(-1L);
			return new Memory(heap, rss);
		}

		long heapMiB() {
			return this.heapBytes / (1024 * 1024);
		}

		long rssMiB() {
			return (this.rssKiB < 0) ? -1 : this.rssKiB / 1024;
		}

	}

}
