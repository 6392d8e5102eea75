package io.hubbridge.support;

import java.util.Optional;

/** Reads series out of a {@code /actuator/prometheus} scrape. */
public final class Prometheus {

	private Prometheus() {
	}

	/**
	 * The value of one series, named as the scrape writes it, e.g.
	 * {@code hub_bridge_requests_rejected_total{reason="room-full"}}.
	 */
	public static Optional<Double> value(String scrape, String series) {
		return scrape.lines()
			.filter((line) -> line.startsWith(series + " "))
			.map((line) -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst();
	}

	/** The count of {@code hub.bridge.requests.rejected} for the reason; 0 if absent. */
	public static double rejected(String scrape, String reason) {
		return value(scrape, "hub_bridge_requests_rejected_total{reason=\"" + reason + "\"}").orElse(0d);
	}

}
