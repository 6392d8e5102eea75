package io.hubbridge.bench;

/**
 * The tool's clock: {@link System#nanoTime()} from the tool's start, so stamps are never
 * negative. The same JVM stamps shouts and reads them back, so no clocks are compared.
 */
final class BenchClock {

	private static final long ORIGIN = System.nanoTime();

	private BenchClock() {
	}

	static long now() {
		return System.nanoTime() - ORIGIN;
	}

}
