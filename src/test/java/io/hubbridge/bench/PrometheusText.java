package io.hubbridge.bench;

/** Reads values out of Prometheus' text format. */
final class PrometheusText {

	private PrometheusText() {
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
