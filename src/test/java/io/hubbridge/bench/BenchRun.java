package io.hubbridge.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;

/**
 * One run: a bridge, N streams connected, shouts published at the planned rate, every
 * stream drained and checked, the bridge and the tool measured. Progress is printed once
 * a second, never per event.
 */
final class BenchRun {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	/** The most streams that carry the warm-up's load ({@code bench.warmup}). */
	static final int MAX_WARM_UP_STREAMS = 1000;

	private static final Duration QUIET = Duration.ofSeconds(1);

	private final BenchSettings settings;

	private final int subscribers;

	private final PrintStream out;

	private volatile String phase = "starting";

	BenchRun(BenchSettings settings, int subscribers, PrintStream out) {
		this.settings = settings;
		this.subscribers = subscribers;
		this.out = out;
	}

	BenchResult run(String id, String sweep, MachineInfo machine) throws IOException, InterruptedException {
		String timestamp = Instant.now().toString();
		BenchSettings s = this.settings;
		List<String> rooms = roomNames(s.rooms());
		try (Bridge bridge = Bridge.of(s, s.out().resolve("bridge-" + id + ".log"));
				BenchStreams streams = new BenchStreams(s.clientThreads());
				ToolProbe probe = new ToolProbe(streams.eventLoops())) {
			Deliveries deliveries = new Deliveries();
			List<BenchSubscriber> subscribers = new ArrayList<>(this.subscribers);
			for (int i = 0; i < this.subscribers; i++) {
				subscribers.add(subscriber(bridge, rooms, i, deliveries));
			}
			ScheduledExecutorService progress = progress(subscribers, deliveries);
			try {
				warmUp(bridge, streams, rooms.get(0) + "-warmup");
				warmUpUnderLoad(bridge, streams, rooms);
				long heapBase = bridge.heapAfterGcBytes();
				long rssBase = bridge.rssKib();
				long cpuBeforeConnect = bridge.cpuNanos();
				this.phase = "connecting";
				long connectStart = BenchClock.now();
				openAll(subscribers, streams);
				BenchResult.Connect connect = connect(subscribers, connectStart);
				long cpuConnected = bridge.cpuNanos();
				this.phase = "idle";
				long heapIdle = bridge.heapAfterGcBytes();
				long rssIdle = bridge.rssKib();
				try (ShoutPublisher publisher = publisher(s, bridge, streams, rooms)) {
					publisher.ready().block(READY_TIMEOUT);
					settle(subscribers);
					// the streams' state, made while connecting, is moved to the old
					// generation now: else the tool's first young collection while
					// publishing copies it, a pause of a quarter of a second
					System.gc();
					ToolProbe.Snapshot toolStart = probe.snapshot();
					long cpuRunStart = bridge.cpuNanos();
					this.phase = "publishing";
					Pacer pacer = publish(publisher, s.shouts());
					this.phase = "draining";
					drain(subscribers, deliveries, publisher);
					ToolProbe.Snapshot toolEnd = probe.snapshot();
					long cpuRunEnd = bridge.cpuNanos();
					long runNanos = deliveries.lastReceiptNanos() - pacer.startNanos();
					this.phase = "measuring";
					progress.shutdownNow();
					deliveries.collect();
					// measured with the streams still open
					long heapEnd = bridge.heapAfterGcBytes();
					long rssEnd = bridge.rssKib();
					BenchResult.DeliveryCounts counts = counts(subscribers, publisher, deliveries, runNanos);
					BenchResult.BridgeUsage usage = usage(
							new long[] { cpuBeforeConnect, cpuConnected, cpuRunStart, cpuRunEnd },
							new long[] { rssBase, rssIdle, rssEnd }, new long[] { heapBase, heapIdle, heapEnd },
							toolEnd.wallNanos() - toolStart.wallNanos(), counts.received());
					return new BenchResult(id, timestamp, sweep, machine,
							new BenchResult.BridgeInfo(bridge.started(), bridge.url(), bridge.pid(), bridge.jvmFlags(),
									s.bridgeArgs()),
							new BenchResult.Plan(this.subscribers, rooms.size(), s.rate(), s.shouts(), s.publish(),
									s.bodyBytes(), s.subscribe(), s.warmup().toMillis() / 1000.0),
							connect, counts, latency(deliveries.total()),
							new BenchResult.Publisher((long) s.shouts() * rooms.size(), publisher.refusals().count(),
									pacer.behind(), pacer.lateness().getValueAtPercentile(99) / 1000.0,
									pacer.lateness().getMaxValue() / 1000.0, pacer.achievedRate(), publisher.answers()),
							usage, ToolProbe.between(toolStart, toolEnd, deliveries.perThread()));
				}
			}
			finally {
				progress.shutdownNow();
				subscribers.forEach(BenchSubscriber::close);
			}
		}
	}

	/**
	 * Subscriber {@code i}: a stream of the bridge, or with
	 * {@code bench.subscribe=websocket} a user joined straight to Hub; spread over the
	 * rooms round robin.
	 */
	private BenchSubscriber subscriber(Bridge bridge, List<String> rooms, int i, Deliveries deliveries) {
		int room = i % rooms.size();
		if (this.settings.subscribe().equals("websocket")) {
			URI hub = bridge.hubSocket();
			if (hub == null) {
				throw new IllegalStateException("bench.subscribe=websocket needs Hub's URL (bench.hub-url)");
			}
			return BenchSubscriber.hubUser(hub, rooms.get(room), "bench-subscriber-" + i, room, this.settings.shouts(),
					deliveries);
		}
		return new BenchSubscriber(bridge.url() + "/api/rooms/" + rooms.get(room) + "/events", room,
				this.settings.shouts(), deliveries);
	}

	/**
	 * Waits until the subscribers received nothing for {@link #QUIET} (at most
	 * {@link #READY_TIMEOUT}): every websocket user in Hub is a presence member, so N
	 * users joining a room send about N²/2 presence diffs, and the publishers' joins are
	 * events too; none of that belongs to the measured phase.
	 */
	private void settle(List<BenchSubscriber> subscribers) throws InterruptedException {
		this.phase = "settling";
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		long last = -1;
		long quietSince = System.nanoTime();
		while (System.nanoTime() < deadline) {
			long events = subscribers.stream().mapToLong(BenchSubscriber::events).sum();
			if (events != last) {
				last = events;
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
				return;
			}
			Thread.sleep(50);
		}
	}

	/**
	 * One stream on a room of its own, until joined, then closed: the bridge's first room
	 * and stream load classes that would otherwise count as the first streams' cost.
	 */
	private void warmUp(Bridge bridge, BenchStreams streams, String room) {
		this.phase = "warming up";
		BenchSubscriber warmUp = new BenchSubscriber(bridge.url() + "/api/rooms/" + room + "/events", 0, 1,
				new Deliveries());
		try {
			warmUp.open(streams).block(READY_TIMEOUT);
		}
		finally {
			warmUp.close();
		}
	}

	/**
	 * The plan's load, at its rate, on up to {@link #MAX_WARM_UP_STREAMS} streams of the
	 * same rooms for {@code bench.warmup}, so that what is measured next runs on compiled
	 * code, as a bridge in service does; then the streams close once every shout of the
	 * warm-up has arrived (or nothing arrived for {@code bench.drain}), so that none
	 * reaches the measured streams.
	 */
	private void warmUpUnderLoad(Bridge bridge, BenchStreams streams, List<String> rooms) throws InterruptedException {
		BenchSettings s = this.settings;
		if (s.warmup().isZero()) {
			return;
		}
		this.phase = "warming up under load";
		int shouts = (int) Math.max(1, Math.round(s.rate() * s.warmup().toMillis() / 1000.0));
		Deliveries deliveries = new Deliveries();
		List<BenchSubscriber> warm = new ArrayList<>();
		for (int i = 0; i < Math.min(s.subscribers(), MAX_WARM_UP_STREAMS); i++) {
			warm.add(subscriber(bridge, rooms, i, deliveries));
		}
		try {
			openAll(warm, streams);
			try (ShoutPublisher publisher = publisher(s, bridge, streams, rooms)) {
				publisher.ready().block(READY_TIMEOUT);
				settle(warm);
				this.phase = "warming up under load";
				long arrivedBefore = deliveries.count();
				publish(publisher, shouts);
				long connected = warm.stream().filter(BenchSubscriber::isConnected).count();
				long due = arrivedBefore + connected * shouts;
				awaitDeliveries(deliveries, () -> due, publisher);
			}
		}
		finally {
			warm.forEach(BenchSubscriber::close);
		}
	}

	private static ShoutPublisher publisher(BenchSettings settings, Bridge bridge, BenchStreams streams,
			List<String> rooms) {
		if (settings.publish().equals("rest")) {
			return new RestPublisher(streams.rest(), bridge.url(), rooms);
		}
		URI hub = bridge.hubSocket();
		if (hub == null) {
			throw new IllegalStateException("bench.publish=hub needs Hub's URL (bench.hub-url)");
		}
		return new HubPublisher(streams.websockets(), hub, rooms);
	}

	/**
	 * Waits until every due delivery arrived and every post was answered, or until
	 * nothing arrived for {@code bench.drain}.
	 */
	private void drain(List<BenchSubscriber> subscribers, Deliveries deliveries, ShoutPublisher publisher)
			throws InterruptedException {
		awaitDeliveries(deliveries, () -> expected(subscribers, publisher), publisher);
	}

	/**
	 * Waits until {@code due} deliveries arrived and every post was answered, or until
	 * nothing arrived for {@code bench.drain}.
	 */
	private void awaitDeliveries(Deliveries deliveries, LongSupplier due, ShoutPublisher publisher)
			throws InterruptedException {
		long last = -1;
		long lastProgress = System.nanoTime();
		while (System.nanoTime() - lastProgress < this.settings.drain().toNanos()) {
			long count = deliveries.count();
			if (count >= due.getAsLong() && publisher.inFlight() == 0) {
				return;
			}
			if (count != last) {
				last = count;
				lastProgress = System.nanoTime();
			}
			Thread.sleep(20);
		}
	}

	/**
	 * Opens the streams, at most {@code bench.connect-concurrency} at once, waiting at
	 * most {@code bench.connect-timeout}: those not connected by then count as failed.
	 */
	private void openAll(List<BenchSubscriber> subscribers, BenchStreams streams) {
		Flux.fromIterable(subscribers)
			.flatMap((subscriber) -> subscriber.open(streams), this.settings.connectConcurrency())
			.then()
			.timeout(this.settings.connectTimeout())
			.onErrorResume((ex) -> reactor.core.publisher.Mono.empty())
			.block();
	}

	/**
	 * Sends {@code shouts} shouts into every room at {@code bench.rate}, each stamped
	 * with its sequence and send time.
	 * @return the pacer, for how late its ticks went out
	 */
	private Pacer publish(ShoutPublisher publisher, int shouts) {
		Pacer pacer = new Pacer(this.settings.rate());
		int rooms = publisher.rooms().size();
		pacer.run(shouts, (k, now) -> {
			for (int room = 0; room < rooms; room++) {
				publisher.shout(room, k, ShoutBody.format(k, BenchClock.now(), this.settings.bodyBytes()));
			}
		});
		return pacer;
	}

	private long expected(List<BenchSubscriber> subscribers, ShoutPublisher publisher) {
		long[] perRoom = new long[publisher.rooms().size()];
		for (BenchSubscriber subscriber : subscribers) {
			if (subscriber.isConnected()) {
				perRoom[subscriber.room()]++;
			}
		}
		long expected = 0;
		for (int room = 0; room < perRoom.length; room++) {
			expected += perRoom[room] * (this.settings.shouts() - publisher.refusals().of(room).cardinality());
		}
		return expected;
	}

	/** How the subscribers connected, from {@code start} (on {@link BenchClock}). */
	static BenchResult.Connect connect(List<BenchSubscriber> subscribers, long start) {
		Histogram times = new Histogram(Deliveries.MAX_MICROS, 3);
		long last = start;
		int failed = 0;
		for (BenchSubscriber subscriber : subscribers) {
			if (subscriber.isConnected()) {
				times.recordValue(Math.min(subscriber.connectNanos() / 1000, Deliveries.MAX_MICROS));
				last = Math.max(last, subscriber.connectedAtNanos());
			}
			else {
				failed++;
			}
		}
		return new BenchResult.Connect((int) times.getTotalCount(), failed, Math.round((last - start) / 1e5) / 10.0,
				times.getValueAtPercentile(50) / 1000.0, times.getValueAtPercentile(99) / 1000.0,
				times.getMaxValue() / 1000.0);
	}

	private BenchResult.DeliveryCounts counts(List<BenchSubscriber> subscribers, ShoutPublisher publisher,
			Deliveries deliveries, long runNanos) {
		int shouts = this.settings.shouts();
		List<BitSet> refused = new ArrayList<>();
		for (int room = 0; room < publisher.rooms().size(); room++) {
			refused.add(publisher.refusals().of(room));
		}
		long expected = 0;
		long received = 0;
		long lost = 0;
		long duplicates = 0;
		long order = 0;
		long unexpected = 0;
		long upstream = 0;
		int failed = 0;
		int ended = 0;
		List<Map<Long, Integer>> orders = new ArrayList<>();
		for (int room = 0; room < refused.size(); room++) {
			orders.add(new HashMap<>());
		}
		for (BenchSubscriber subscriber : subscribers) {
			BitSet roomRefused = refused.get(subscriber.room());
			BenchSubscriber.SubscriberCounts c = subscriber.counts(shouts, roomRefused);
			expected += shouts - roomRefused.cardinality();
			received += c.received();
			lost += c.lost();
			duplicates += c.duplicates();
			order += c.orderViolations();
			unexpected += c.unexpected();
			upstream += c.upstreamChanges();
			failed += subscriber.failed() ? 1 : 0;
			ended += subscriber.ended() ? 1 : 0;
			if (c.received() > 0 && c.lost() == 0) {
				orders.get(subscriber.room()).merge(c.orderHash(), 1, Integer::sum);
			}
		}
		long disagreements = 0;
		for (Map<Long, Integer> roomOrders : orders) {
			int total = roomOrders.values().stream().mapToInt(Integer::intValue).sum();
			int most = roomOrders.values().stream().mapToInt(Integer::intValue).max().orElse(0);
			disagreements += total - most;
		}
		double perSecond = (runNanos > 0) ? deliveries.count() * 1e9 / runNanos : 0;
		return new BenchResult.DeliveryCounts(expected, received, lost, duplicates, order, disagreements, unexpected,
				Math.round(perSecond), this.subscribers * this.settings.rate(), failed, ended, upstream);
	}

	private static BenchResult.Latency latency(Histogram micros) {
		return new BenchResult.Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
				ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
				ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), Math.round(micros.getMean()) / 1000.0);
	}

	private BenchResult.BridgeUsage usage(long[] cpu, long[] rssKib, long[] heapBytes, long runWallNanos,
			long delivered) {
		boolean measured = cpu[0] >= 0;
		double n = this.subscribers;
		Double cpuConnect = measured ? (cpu[1] - cpu[0]) / 1e6 : null;
		Double cpuRun = measured ? (cpu[3] - cpu[2]) / 1e6 : null;
		return new BenchResult.BridgeUsage(cpuConnect, measured ? round(cpuConnect * 1000 / n) : null, cpuRun,
				measured ? round(100.0 * (cpu[3] - cpu[2]) / runWallNanos) : null,
				(measured && delivered > 0) ? round(cpuRun * 1000 / delivered) : null, mib(rssKib[0] * 1024L),
				mib(rssKib[1] * 1024L), mib(rssKib[2] * 1024L),
				(rssKib[0] >= 0) ? round((rssKib[1] - rssKib[0]) / n) : null, mib(heapBytes[0]), mib(heapBytes[1]),
				mib(heapBytes[2]), (heapBytes[0] >= 0) ? round((heapBytes[1] - heapBytes[0]) / 1024.0 / n) : null);
	}

	private ScheduledExecutorService progress(List<BenchSubscriber> subscribers, Deliveries deliveries) {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bench-progress");
			thread.setDaemon(true);
			return thread;
		});
		long start = System.nanoTime();
		long[] last = { 0 };
		timer.scheduleAtFixedRate(() -> {
			long connected = subscribers.stream().filter(BenchSubscriber::isConnected).count();
			Histogram interval = deliveries.collect();
			long count = deliveries.count();
			this.out.printf("  %4ds %-10s connected %d/%d, delivered %d (+%d), p99 %.1f ms, max %.1f ms%n",
					(System.nanoTime() - start) / 1_000_000_000L, this.phase, connected, subscribers.size(), count,
					count - last[0], interval.getValueAtPercentile(99) / 1000.0, interval.getMaxValue() / 1000.0);
			last[0] = count;
		}, 1, 1, TimeUnit.SECONDS);
		return timer;
	}

	private static List<String> roomNames(int rooms) {
		String tag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < rooms; i++) {
			names.add("bench-" + tag + "-" + i);
		}
		return names;
	}

	private static Double mib(long bytes) {
		return (bytes >= 0) ? round(bytes / 1024.0 / 1024.0) : null;
	}

	private static double ms(long micros) {
		return micros / 1000.0;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
