package io.hubbridge.soak;

import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;

/**
 * What a soak run does, from system properties ({@code -Dsoak.duration=60s} on the Maven
 * command line reaches the test JVM).
 *
 * @param duration how long subscribers churn and shouts flow ({@code soak.duration})
 * @param subscribers how many subscribers, spread evenly over the rooms
 * ({@code soak.subscribers})
 * @param rooms how many rooms ({@code soak.rooms})
 * @param shoutsPerSecond shouts per second in each room ({@code soak.shouts-per-second})
 * @param hubRestarts how many times the embedded Hub is stopped and started again, evenly
 * spread over the run ({@code soak.hub-restarts})
 * @param hubOutage how long the Hub stays down each time ({@code soak.hub-outage})
 * @param minSession shortest time a subscriber reads before it disconnects
 * ({@code soak.min-session})
 * @param maxSession longest such time ({@code soak.max-session})
 * @param maxPause longest pause before a subscriber resumes ({@code soak.max-pause})
 * @param seed seeds every random choice ({@code soak.seed})
 */
record SoakSettings(Duration duration, int subscribers, int rooms, double shoutsPerSecond, int hubRestarts,
		Duration hubOutage, Duration minSession, Duration maxSession, Duration maxPause, long seed) {

	static SoakSettings fromSystemProperties() {
		return new SoakSettings(duration("soak.duration", "3m"), integer("soak.subscribers", "2000"),
				integer("soak.rooms", "20"), Double.parseDouble(property("soak.shouts-per-second", "2")),
				integer("soak.hub-restarts", "3"), duration("soak.hub-outage", "1s"),
				duration("soak.min-session", "2s"), duration("soak.max-session", "20s"),
				duration("soak.max-pause", "2s"), Long.parseLong(property("soak.seed", "20261128")));
	}

	Duration shoutInterval() {
		return Duration.ofNanos((long) (1_000_000_000L / this.shoutsPerSecond));
	}

	String describe() {
		return String.format(Locale.ROOT,
				"%d s, %d subscribers over %d rooms, %.1f shouts/s per room, %d Hub restarts (%d ms down each), "
						+ "sessions %d-%d s, pauses up to %d ms, seed %d",
				this.duration.toSeconds(), this.subscribers, this.rooms, this.shoutsPerSecond, this.hubRestarts,
				this.hubOutage.toMillis(), this.minSession.toSeconds(), this.maxSession.toSeconds(),
				this.maxPause.toMillis(), this.seed);
	}

	private static Duration duration(String name, String defaultValue) {
		return DurationStyle.detectAndParse(property(name, defaultValue));
	}

	private static int integer(String name, String defaultValue) {
		return Integer.parseInt(property(name, defaultValue));
	}

	private static String property(String name, String defaultValue) {
		String value = System.getProperty(name);
		return (value == null || value.isBlank()) ? defaultValue : value.strip();
	}

}
