package io.hubbridge.bench;

import java.net.URI;
import java.util.BitSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebsocketSubscriberUnitTests {

	private final Deliveries deliveries = new Deliveries();

	private final BenchSubscriber subscriber = BenchSubscriber.hubUser(URI.create("ws://127.0.0.1:1/socket/websocket"),
			"r", "bench-subscriber-0", 0, 3, this.deliveries);

	@Test
	void aUserIsConnectedOnceHubAnswersItsJoinOk() {
		this.subscriber.receiveFrame(presenceState(), 10);
		assertThat(this.subscriber.isConnected()).isFalse();
		this.subscriber.receiveFrame(reply("join", "ok"), 20);
		this.subscriber.receiveFrame(reply("hb", "error"), 30);
		assertThat(this.subscriber.isConnected()).isTrue();
		assertThat(this.subscriber.connectedAtNanos()).isEqualTo(20);
		assertThat(this.subscriber.failed()).isFalse();
		assertThat(this.subscriber.events()).isEqualTo(3);
	}

	@Test
	void aRefusedJoinIsAFailedSubscriber() {
		this.subscriber.receiveFrame(reply("join", "error"), 20);
		assertThat(this.subscriber.isConnected()).isFalse();
		assertThat(this.subscriber.failed()).isTrue();
	}

	@Test
	void shoutsAreCheckedAndTheirLatencyRecordedWhilePresenceIsNot() {
		this.subscriber.receiveFrame(reply("join", "ok"), 1);
		this.subscriber.receiveFrame(shout(0, 1_000_000), 3_000_000);
		this.subscriber.receiveFrame(presenceState(), 3_500_000);
		this.subscriber.receiveFrame(shout(2, 2_000_000), 6_000_000);
		this.subscriber.receiveFrame(shout(2, 2_000_000), 7_000_000);
		this.subscriber.receiveFrame("{\"event\":\"phx_error\",\"payload\":{},\"ref\":\"1\",\"topic\":\"room:r\"}",
				8_000_000);
		BenchSubscriber.SubscriberCounts counts = this.subscriber.counts(3, new BitSet());
		assertThat(counts.received()).isEqualTo(2);
		assertThat(counts.lost()).isEqualTo(1);
		assertThat(counts.duplicates()).isEqualTo(1);
		assertThat(counts.upstreamChanges()).isEqualTo(1);
		this.deliveries.collect();
		assertThat(this.deliveries.total().getTotalCount()).isEqualTo(2);
		assertThat(this.deliveries.total().getMaxValue()).isBetween(3990L, 4010L);
	}

	private static String reply(String ref, String status) {
		return "{\"event\":\"phx_reply\",\"payload\":{\"response\":{},\"status\":\"" + status + "\"},\"ref\":\"" + ref
				+ "\",\"topic\":\"room:r\"}";
	}

	private static String presenceState() {
		return "{\"event\":\"presence_state\",\"payload\":{},\"ref\":null,\"topic\":\"room:r\"}";
	}

	private static String shout(int sequence, long sentNanos) {
		return "{\"event\":\"shout\",\"payload\":{\"body\":\"" + ShoutBody.format(sequence, sentNanos, 0)
				+ "\",\"channel\":\"r\",\"name\":\"bench\"},\"ref\":null,\"topic\":\"room:r\"}";
	}

}
