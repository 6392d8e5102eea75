package io.hubbridge.api;

import io.hubbridge.support.HttpReads;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event streams are left out of {@code http.server.requests}, which still times the other
 * requests: an observation held for a stream's whole life would only cost memory.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class StreamObservationsIntegrationTests extends RunningBridge {

	@Autowired
	MeterRegistry meters;

	@Test
	void aStreamThatEndedIsNotTimedWhileOtherRequestsAre() {
		try (SseClient stream = joinedStream("observed")) {
			assertThat(stream.status()).isEqualTo(200);
		}
		HttpReads.okJson(this.http, "/api/rooms/observed/presence");
		Awaitility.await()
			.untilAsserted(() -> assertThat(
					this.meters.find("http.server.requests").tag("uri", "/api/rooms/{room}/presence").timer())
				.isNotNull());
		assertThat(this.meters.find("http.server.requests").tag("uri", "/api/rooms/{room}/events").timers()).isEmpty();
	}

}
