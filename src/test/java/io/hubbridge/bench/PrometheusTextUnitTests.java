package io.hubbridge.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextUnitTests {

	private static final String METRICS = """
			# HELP hub_bridge_upstream_state the upstream's state
			# TYPE hub_bridge_upstream_state gauge
			hub_bridge_upstream_state{room="a",state="joined"} 1.0
			hub_bridge_upstream_state{room="a",state="reconnecting"} 0.0
			hub_bridge_upstream_state{room="b",state="joined"} 1.0
			hub_bridge_upstream_state{room="joined",state="failed"} 0.0
			hub_bridge_upstream_state{room="c",xstate="joined"} 5.0
			hub_bridge_upstream_reconnects_total{room="a"} 2.0
			hub_bridge_upstream_reconnects_total{room="b"} 1.0
			hub_bridge_upstream_reconnects_total_other{room="b"} 9.0
			hub_bridge_rooms_open 3.0
			jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1000.0
			jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 24.0
			jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5000.0
			""";

	@Test
	void samplesOfAMeterAreSummedOverTheSeriesWithTheGivenLabels() {
		assertThat(PrometheusText.sum(METRICS, "hub_bridge_upstream_state", "state=\"joined\"")).isEqualTo(2.0);
		assertThat(PrometheusText.sum(METRICS, "hub_bridge_upstream_reconnects_total")).isEqualTo(3.0);
		assertThat(PrometheusText.sum(METRICS, "hub_bridge_rooms_open")).isEqualTo(3.0);
		assertThat(PrometheusText.sum(METRICS, "hub_bridge_upstream_attempt_failures_total")).isZero();
	}

	@Test
	void heapIsTheSumOfTheHeapPools() {
		assertThat(PrometheusText.heapUsedBytes(METRICS)).isEqualTo(1024);
	}

}
