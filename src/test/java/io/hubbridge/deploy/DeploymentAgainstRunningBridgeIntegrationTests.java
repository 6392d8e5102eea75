package io.hubbridge.deploy;

import java.util.List;
import java.util.Map;

import io.hubbridge.support.HttpReads;
import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chart and the image ask of the bridge, asked of a running bridge: the probes'
 * paths, the ServiceMonitor's, the image's health check command and the chart's
 * {@code helm test} script, each run here as it would run there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class DeploymentAgainstRunningBridgeIntegrationTests extends RunningBridge {

	@Test
	void everyProbeOfTheChartIsAnsweredUp() {
		Map<String, Object> container = HelmChart.template(Map.of()).container();
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			String path = Node.text(container, probe + ".httpGet.path");
			this.http.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP");
		}
	}

	@Test
	void serviceMonitorPathServesPrometheusMetrics() {
		Map<String, Object> endpoint = Node.map(Node
			.list(Node.at(HelmChart.template(HelmChart.FULL_VALUES, Map.of()).one("ServiceMonitor"), "spec.endpoints"))
			.get(0));
		String scrape = HttpReads.okText(this.http, (String) endpoint.get("path"));
		assertThat(scrape).contains("hub_bridge_rooms_open");
	}

	@Test
	void imageHealthCheckPassesAgainstTheBridgeAndFailsWithoutIt() throws Exception {
		assertThat(HealthCheck.run(this.port)).isZero();
		// the port of the embedded Hub: something listens there, but it serves no health
		assertThat(HealthCheck.run(hubUrl().getPort())).isNotZero();
	}

	@Test
	void helmTestScriptPassesAgainstTheBridge() throws Exception {
		// the Service's name and port, pointed at this bridge
		Manifests hooks = HelmChart
			.templateTestHooks(Map.of("fullnameOverride", "localhost", "service.port", String.valueOf(this.port)));
		assertThat(HealthCheck.run(TestHook.command(hooks), "PATH", System.getenv("PATH"))).isZero();
	}

}
