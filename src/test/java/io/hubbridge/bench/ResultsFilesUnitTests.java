package io.hubbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsFilesUnitTests {

	@TempDir
	Path dir;

	@Test
	void aRunIsWrittenAsJsonWithItsMachineAndEveryMeasure() throws IOException {
		Path file = ResultsFiles.write(BenchResultSamples.run("r1-n100", 100, 20, 8), this.dir);
		assertThat(file.getFileName()).hasToString("results-r1-n100.json");
		JsonNode json = JsonMapper.builder().build().readTree(Files.readString(file));
		assertThat(json.at("/machine/cores").asInt()).isEqualTo(2);
		assertThat(json.at("/machine/cpuModel").asString()).isEqualTo("AMD EPYC <test>");
		assertThat(json.at("/bridge/jvmFlags").asString()).isEqualTo("-Xmx512m");
		assertThat(json.at("/plan/subscribers").asInt()).isEqualTo(100);
		assertThat(json.at("/deliveries/lost").asLong()).isZero();
		assertThat(json.at("/latencyMs/p999").asDouble()).isEqualTo(12.0);
		assertThat(json.at("/bridgeProcess/rssPerSubscriberKib").asDouble()).isEqualTo(51.2);
		assertThat(json.at("/tool/loopBusyPercent")).hasSize(2);
	}

	@Test
	void runsAreAppendedToTheSeriesOneLineEach() throws IOException {
		ResultsFiles.append(BenchResultSamples.run("r1-n100", 100, 20, 8), this.dir);
		ResultsFiles.append(BenchResultSamples.run("r2-n200", 200, 20, 9), this.dir);
		assertThat(Files.readAllLines(this.dir.resolve(ResultsFiles.SERIES))).hasSize(2);
		List<JsonNode> series = ResultsFiles.series(this.dir);
		assertThat(series).extracting((run) -> run.get("id").asString()).containsExactly("r1-n100", "r2-n200");
	}

	@Test
	void theChartIsDrawnFromTheSeries() throws IOException {
		ResultsFiles.append(BenchResultSamples.run("r1-n100", 100, 20, 8), this.dir);
		Path chart = ResultsFiles.chart(this.dir);
		assertThat(Files.readString(chart)).startsWith("<svg").contains(">100</text>");
	}

}
