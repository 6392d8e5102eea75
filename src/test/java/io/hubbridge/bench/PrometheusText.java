package io.hubbridge.bench;

/** Reads values out of Prometheus' text format. */
final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * The sum of the samples of {@code name} whose labels include every one of
	 * {@code labels} (each {@code key="value"}); 0 if there are none.
	 */
	static double sum(String metrics, String name, String... labels) {
		double sum = 0;
		for (String line : metrics.split("\n")) {
			if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
				continue;
			}
			String series = line.substring(0, line.lastIndexOf(' '));
			boolean matches = true;
			for (String label : labels) {
				matches &= series.contains("{" + label) || series.contains("," + label);
			}
			if (matches) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

	/** The sum of {@code jvm_memory_used_bytes} over the heap's pools, in bytes. */
	static long heapUsedBytes(String metrics) {
		double sum = 0;
		for (String line : metrics.split("\n")) {
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return Math.round(sum);
	}

}
