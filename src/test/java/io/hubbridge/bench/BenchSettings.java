package io.hubbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * What one invocation of the load tool does, read from {@code bench.*} system properties
 * (see README, Benchmark).
 *
 * @param subscribers SSE streams per run (one connection each), spread over the rooms
 * @param sweep several subscriber counts, one run each; empty: one run of
 * {@code subscribers}
 * @param rooms rooms the streams are spread over, round robin
 * @param rate shouts per second into each room
 * @param shouts shouts per room per run
 * @param publish {@code hub}: websocket users shout straight into Hub (fan-out alone);
 * {@code rest}: {@code POST /api/rooms/{room}/shouts} to the bridge
 * @param bodyBytes shout bodies are padded to at least this many bytes
 * @param bridgeUrl a running bridge to target; null: start the jar
 * @param hubUrl Hub's websocket URL, with {@code bridgeUrl} (for {@code publish=hub})
 * @param bridgePid the running bridge's process id, for its CPU, RSS and heap after GC
 * @param bridgeJvm JVM options of a started bridge
 * @param bridgeArgs extra Spring arguments of a started bridge
 * @param jar the bridge's jar; null: {@code target/hub-bridge-*.jar}
 * @param connectConcurrency streams connecting at once (the rest wait their turn)
 * @param connectTimeout all streams must be connected within this
 * @param drain after the last shout, how long the tool waits without progress
 * @param clientThreads the tool's event loops
 * @param out where results, the series and the chart go
 * @param record also append to the committed series and chart in {@code src/site/bench}
 * @param mode {@code fanout}: shouts fanned out to the subscribers; {@code idle-rooms}:
 * one stream on each of {@code rooms} rooms, the bridge measured idle; {@code compare}:
 * each run once with websocket subscribers straight to Hub, then with SSE subscribers of
 * the bridge
 * @param subscribe {@code sse}: subscribers are the bridge's event streams;
 * {@code websocket}: Phoenix websocket users joined straight to Hub (the baseline)
 * @param idle how long {@code idle-rooms} measures the bridge idle
 * @param idleWarmup how long {@code idle-rooms} waits between the rooms joined and the
 * window, so that every session has heartbeated (the code compiled) before it; null: one
 * heartbeat interval
 * @param rateSweep several rates, one run each at {@code subscribers}, up to the first
 * that fails; empty: one run at {@code rate}
 * @param maxP99 the highest p99 latency a run of the rate sweep may have and pass
 * @param warmup how long the plan's load runs on up to
 * {@value BenchRun#MAX_WARM_UP_STREAMS} streams before the measured run, so that the
 * bridge's hot paths are compiled first (a server runs warm); 0: the measured run starts
 * on a cold bridge
 */
record BenchSettings(int subscribers, List<Integer> sweep, int rooms, double rate, int shouts, String publish,
		int bodyBytes, @Nullable String bridgeUrl, @Nullable String hubUrl, @Nullable Long bridgePid, String bridgeJvm,
		String bridgeArgs, @Nullable Path jar, int connectConcurrency, Duration connectTimeout, Duration drain,
		int clientThreads, Path out, boolean record, String mode, String subscribe, Duration idle,
		@Nullable Duration idleWarmup, List<Double> rateSweep, Duration maxP99, Duration warmup) {

	static final Path RECORDED = Path.of("src", "site", "bench");

	static final List<String> MODES = List.of("fanout", "idle-rooms", "compare");

	BenchSettings {
		if (!MODES.contains(mode)) {
			throw new IllegalArgumentException("bench.mode must be one of " + MODES + ", not " + mode);
		}
		if (!subscribe.equals("sse") && !subscribe.equals("websocket")) {
			throw new IllegalArgumentException("bench.subscribe must be sse or websocket, not " + subscribe);
		}
		if (!rateSweep.isEmpty() && (!sweep.isEmpty() || !mode.equals("fanout"))) {
			throw new IllegalArgumentException("bench.rate-sweep runs one subscriber count (bench.subscribers) in"
					+ " mode fanout: not with bench.sweep or bench.mode=" + mode);
		}
		if (rateSweep.stream().anyMatch((each) -> each <= 0)) {
			throw new IllegalArgumentException("bench.rate-sweep: rates must be positive");
		}
		boolean needsHub = publish.equals("hub") || subscribe.equals("websocket") || mode.equals("compare");
		if (needsHub && bridgeUrl != null && hubUrl == null) {
			throw new IllegalArgumentException(
					"bench.bridge-url with bench.publish=hub, bench.subscribe=websocket or bench.mode=compare"
							+ " needs bench.hub-url");
		}
		if (!publish.equals("hub") && !publish.equals("rest")) {
			throw new IllegalArgumentException("bench.publish must be hub or rest, not " + publish);
		}
		if (rate <= 0 || rooms < 1 || shouts < 1 || subscribers < 1) {
			throw new IllegalArgumentException(
					"bench.rate, bench.rooms, bench.shouts and bench.subscribers must be positive");
		}
	}

	/** Read from system properties, with the defaults of a small smoke run. */
	static BenchSettings fromSystemProperties() {
		double rate = read("rate", "20", Double::parseDouble);
		Duration duration = read("duration", "10s", DurationStyle::detectAndParse);
		int shouts = read("shouts", Long.toString(Math.max(1, Math.round(rate * duration.toMillis() / 1000.0))),
				Integer::parseInt);
		String sweep = System.getProperty("bench.sweep", "");
		List<Integer> counts = sweep.isBlank() ? List.of()
				: Arrays.stream(sweep.split(",")).map(String::strip).map(Integer::parseInt).toList();
		String jar = System.getProperty("bench.jar");
		String pid = System.getProperty("bench.bridge-pid");
		return new BenchSettings(read("subscribers", "200", Integer::parseInt), counts,
				read("rooms", "1", Integer::parseInt), rate, shouts, System.getProperty("bench.publish", "hub"),
				read("body-bytes", "0", Integer::parseInt), System.getProperty("bench.bridge-url"),
				System.getProperty("bench.hub-url"), (pid != null) ? Long.valueOf(pid) : null,
				System.getProperty("bench.bridge-jvm", "-Xms256m -Xmx512m -XX:+UseParallelGC"),
				System.getProperty("bench.bridge-args", ""), (jar != null) ? Path.of(jar) : null,
				read("connect-concurrency", "500", Integer::parseInt),
				read("connect-timeout", "120s", DurationStyle::detectAndParse),
				read("drain", "10s", DurationStyle::detectAndParse),
				read("client-threads", Integer.toString(Runtime.getRuntime().availableProcessors()), Integer::parseInt),
				Path.of(System.getProperty("bench.out", "target/bench")),
				Boolean.parseBoolean(System.getProperty("bench.record", "false")),
				System.getProperty("bench.mode", "fanout").strip(),
				System.getProperty("bench.subscribe", "sse").strip(),
				read("idle", "60s", DurationStyle::detectAndParse),
				read("idle-warmup", "", (text) -> text.isBlank() ? null : DurationStyle.detectAndParse(text)),
				read("rate-sweep", "", BenchSettings::rates), read("max-p99", "500ms", DurationStyle::detectAndParse),
				read("warmup", "0s", DurationStyle::detectAndParse));
	}

	/** The same plan at another rate, for as long: the shouts follow the rate. */
	BenchSettings withRate(double rate) {
		int shouts = (int) Math.max(1, Math.round(rate * publishing().toNanos() / 1e9));
		return new BenchSettings(this.subscribers, this.sweep, this.rooms, rate, shouts, this.publish, this.bodyBytes,
				this.bridgeUrl, this.hubUrl, this.bridgePid, this.bridgeJvm, this.bridgeArgs, this.jar,
				this.connectConcurrency, this.connectTimeout, this.drain, this.clientThreads, this.out, this.record,
				this.mode, this.subscribe, this.idle, this.idleWarmup, List.of(), this.maxP99, this.warmup);
	}

	/** The same plan with other subscribers ({@code sse} or {@code websocket}). */
	BenchSettings withSubscribe(String subscribe) {
		return new BenchSettings(this.subscribers, this.sweep, this.rooms, this.rate, this.shouts, this.publish,
				this.bodyBytes, this.bridgeUrl, this.hubUrl, this.bridgePid, this.bridgeJvm, this.bridgeArgs, this.jar,
				this.connectConcurrency, this.connectTimeout, this.drain, this.clientThreads, this.out, this.record,
				this.mode, subscribe, this.idle, this.idleWarmup, this.rateSweep, this.maxP99, this.warmup);
	}

	/** {@code 200,400, 800}: the rates in ascending order; blank: none. */
	static List<Double> rates(String text) {
		return text.isBlank() ? List.of()
				: Arrays.stream(text.split(",")).map(String::strip).map(Double::parseDouble).sorted().toList();
	}

	/** The subscriber counts to run, in order. */
	List<Integer> runs() {
		return this.sweep.isEmpty() ? List.of(this.subscribers) : this.sweep;
	}

	/** The planned duration of the publishing phase. */
	Duration publishing() {
		return Duration.ofNanos(Math.round(this.shouts * 1e9 / this.rate));
	}

	private static <T> T read(String name, String fallback, Function<String, T> parse) {
		String value = System.getProperty("bench." + name, fallback);
		try {
			return parse.apply(value.strip());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("bench." + name + ": cannot read '" + value + "'", ex);
		}
	}

}
