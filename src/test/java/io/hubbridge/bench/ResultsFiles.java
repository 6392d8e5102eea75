package io.hubbridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where results go: one JSON file per run, and a series (JSON Lines, one run per line)
 * that the chart is drawn from.
 */
final class ResultsFiles {

	static final String SERIES = "series.jsonl";

	static final String CHART = "chart.svg";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ResultsFiles() {
	}

	/** Writes {@code results-<id>.json} into {@code dir}; returns its path. */
	static Path write(BenchResult result, Path dir) throws IOException {
		Files.createDirectories(dir);
		Path file = dir.resolve("results-" + result.id() + ".json");
		Files.writeString(file, JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
		return file;
	}

	/**
	 * Writes {@code value} as indented JSON into {@code dir}, as {@code name}; returns
	 * its path (results that are not one run of the series: idle rooms, comparisons,
	 * sweeps).
	 */
	static Path writeJson(Object value, Path dir, String name) throws IOException {
		Files.createDirectories(dir);
		Path file = dir.resolve(name);
		Files.writeString(file, JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
		return file;
	}

	/** Appends the run to the series in {@code dir}. */
	static void append(BenchResult result, Path dir) throws IOException {
		Files.createDirectories(dir);
		Files.writeString(dir.resolve(SERIES), JSON.writeValueAsString(result) + "\n", StandardCharsets.UTF_8,
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/** The runs of the series in {@code dir}, oldest first; blank lines are skipped. */
	static List<JsonNode> series(Path dir) throws IOException {
		Path file = dir.resolve(SERIES);
		List<JsonNode> runs = new ArrayList<>();
		if (Files.exists(file)) {
			for (String line : Files.readAllLines(file)) {
				if (!line.isBlank()) {
					runs.add(JSON.readTree(line));
				}
			}
		}
		return runs;
	}

	/** Draws the series of {@code dir} into its {@code chart.svg}; returns its path. */
	static Path chart(Path dir) throws IOException {
		Path file = dir.resolve(CHART);
		Files.writeString(file, LatencyChart.svg(series(dir)));
		return file;
	}

}
