package io.hubbridge.room;

import java.time.Duration;

import io.hubbridge.phoenix.ConnectFailedException;
import io.hubbridge.phoenix.Disconnect;
import io.hubbridge.phoenix.Disconnect.Kind;
import io.hubbridge.phoenix.JoinRefusedException;
import io.hubbridge.phoenix.JoinTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How upstream failures are named for subscribers and meters, and which schedule follows.
 */
class UpstreamFailureUnitTests {

	private static final Duration HEARTBEAT = Duration.ofSeconds(30);

	@Test
	void failedAttemptsAreNamedByWhatFailed() {
		UpstreamFailure refused = UpstreamFailure.of(new JoinRefusedException("room:lobby",
				JsonNodeFactory.instance.objectNode().put("reason", "join crashed")));
		assertThat(refused.cause().tag()).isEqualTo("join-refused");
		assertThat(refused.reason()).isEqualTo("join of room:lobby refused: {\"reason\":\"join crashed\"}");
		assertThat(refused.channelLevel()).isTrue();
		UpstreamFailure timedOut = UpstreamFailure.of(new JoinTimeoutException("room:lobby", Duration.ofSeconds(10)));
		assertThat(timedOut.cause().tag()).isEqualTo("join-timeout");
		assertThat(timedOut.channelLevel()).isTrue();
		UpstreamFailure connect = UpstreamFailure.of(new ConnectFailedException("could not connect to x", null));
		assertThat(connect.cause().tag()).isEqualTo("connect");
		assertThat(connect.reason()).isEqualTo("could not connect to x");
		assertThat(connect.channelLevel()).isFalse();
		UpstreamFailure unexpected = UpstreamFailure.of(new IllegalStateException());
		assertThat(unexpected.cause().tag()).isEqualTo("connect");
		assertThat(unexpected.reason()).isEqualTo("java.lang.IllegalStateException");
	}

	@Test
	void lostSessionsAreNamedByHowTheyEnded() {
		assertThat(lost(Kind.HEARTBEAT_TIMEOUT, 1000, "heartbeat timeout")).isEqualTo(
				new UpstreamFailure(UpstreamFailure.Cause.HEARTBEAT, "heartbeat timeout: no reply within 30000 ms"));
		assertThat(lost(Kind.SOCKET_CLOSED, null, "connection lost without a close frame"))
			.isEqualTo(new UpstreamFailure(UpstreamFailure.Cause.CLOSED,
					"socket closed: connection lost without a close frame"));
		assertThat(lost(Kind.SOCKET_CLOSED, 1000, "")).as("Hub's idle close has an empty reason")
			.isEqualTo(new UpstreamFailure(UpstreamFailure.Cause.CLOSED, "socket closed (1000)"));
		assertThat(lost(Kind.CHANNEL_ERROR, 1000, "phx_error"))
			.isEqualTo(new UpstreamFailure(UpstreamFailure.Cause.CHANNEL_ERROR, "Hub crashed the channel (phx_error)"));
		assertThat(lost(Kind.CHANNEL_CLOSED, 1000, "phx_close").cause().tag()).isEqualTo("channel-error");
		assertThat(lost(Kind.DECODE_ERROR, 1009, "TooLongFrameException").reason())
			.isEqualTo("undecodable frame (1009): TooLongFrameException");
	}

	@Test
	void onlyChannelFailuresWaitForTheRejoinSchedule() {
		assertThat(lost(Kind.CHANNEL_ERROR, 1000, "phx_error").channelLevel()).isTrue();
		assertThat(lost(Kind.CHANNEL_CLOSED, 1000, "phx_close").channelLevel()).isTrue();
		assertThat(lost(Kind.SOCKET_CLOSED, null, "x").channelLevel()).isFalse();
		assertThat(lost(Kind.HEARTBEAT_TIMEOUT, 1000, "heartbeat timeout").channelLevel()).isFalse();
	}

	private static UpstreamFailure lost(Kind kind, Integer status, String reason) {
		return UpstreamFailure.of(new Disconnect(kind, status, reason), HEARTBEAT);
	}

}
