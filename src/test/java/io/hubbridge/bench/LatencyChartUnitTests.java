package io.hubbridge.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyChartUnitTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void eachPercentileIsALineThroughOnePointPerSubscriberCount() throws Exception {
		String svg = LatencyChart.svg(List.of(node(BenchResultSamples.run("a", 1000, 20, 12)),
				node(BenchResultSamples.run("b", 5000, 20, 40)), node(BenchResultSamples.run("c", 10000, 20, 130))));
		Document document = parse(svg);
		// five percentiles, received and offered deliveries per second
		assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(7);
		assertThat(document.getElementsByTagName("circle").getLength()).isEqualTo(7 * 3);
		assertThat(svg).contains(">1,000</text>", ">5,000</text>", ">10,000</text>", ">p99.9</text>");
		assertThat(svg).as("the machine is named, escaped").contains("AMD EPYC &lt;test&gt;").contains("-Xmx512m");
	}

	@Test
	void onlyRunsPlannedLikeTheLatestAreDrawnTheLatestPerSubscriberCount() {
		JsonNode otherRate = node(BenchResultSamples.run("old-rate", 1000, 200, 50));
		JsonNode first = node(BenchResultSamples.run("first", 5000, 20, 40));
		JsonNode again = node(BenchResultSamples.run("again", 5000, 20, 30));
		JsonNode small = node(BenchResultSamples.run("small", 1000, 20, 10));
		List<JsonNode> chosen = LatencyChart.chosen(List.of(otherRate, first, again, small));
		assertThat(chosen).extracting((run) -> run.get("id").asString()).containsExactly("small", "again");
	}

	@Test
	void anEmptySeriesIsStillAValidChart() throws Exception {
		String svg = LatencyChart.svg(List.of());
		assertThat(parse(svg).getDocumentElement().getTagName()).isEqualTo("svg");
		assertThat(svg).contains("no runs yet");
	}

	@Test
	void gridStepsAreOneTwoOrFiveTimesAPowerOfTen() {
		assertThat(LatencyChart.niceStep(0.7)).isEqualTo(1);
		assertThat(LatencyChart.niceStep(13)).isEqualTo(20);
		assertThat(LatencyChart.niceStep(40_000)).isEqualTo(50_000);
		assertThat(LatencyChart.niceStep(0)).isEqualTo(1);
	}

	private static JsonNode node(BenchResult result) {
		return JSON.readTree(JSON.writeValueAsString(result));
	}

	private static Document parse(String svg) throws Exception {
		return DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
	}

}
