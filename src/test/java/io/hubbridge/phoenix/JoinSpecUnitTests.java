package io.hubbridge.phoenix;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import io.hubbridge.phoenix.Disconnect.Kind;
import io.hubbridge.phoenix.Serializer.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link JoinSpec} and {@link Disconnect} as plain values. */
class JoinSpecUnitTests {

	private static final URI HUB = URI.create("ws://hub:4000/socket/websocket");

	@Test
	void connectUrlCarriesTheVsnOfTheSerializer() {
		assertThat(spec(HUB, Version.V1).connectUrl()).isEqualTo(URI.create(HUB + "?vsn=1.0.0"));
		assertThat(spec(HUB, Version.V2).connectUrl()).isEqualTo(URI.create(HUB + "?vsn=2.0.0"));
	}

	@Test
	void connectUrlKeepsAnExistingQuery() {
		URI url = URI.create("wss://hub.example.com/socket/websocket?token=abc#fragment");
		assertThat(spec(url, Version.V2).connectUrl())
			.isEqualTo(URI.create("wss://hub.example.com/socket/websocket?token=abc&vsn=2.0.0"));
	}

	@Test
	void defaultsFollowThePhoenixJsClient() {
		JoinSpec spec = spec(HUB, Version.V1);
		assertThat(spec.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(spec.joinTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(spec.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(spec.maxFramePayloadLength()).isEqualTo(16 * 1024 * 1024);
	}

	@Test
	void acceptsEveryEventUnlessToldWhich() {
		JoinSpec spec = spec(HUB, Version.V1);
		assertThat(spec.accepts("anything")).isTrue();
		JoinSpec strict = spec.withEvents(Set.of("shout"));
		assertThat(strict.accepts("shout")).isTrue();
		assertThat(strict.accepts("foo")).isFalse();
	}

	@Test
	void refusesNonWebsocketUrlsAndNonPositiveLimits() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> spec(URI.create("http://hub:4000/socket/websocket"), Version.V1));
		JoinSpec spec = spec(HUB, Version.V1);
		assertThatIllegalArgumentException().isThrownBy(() -> spec.withHeartbeatInterval(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> spec.withTimeouts(Duration.ofSeconds(-1), Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> spec.withMaxFramePayloadLength(0));
	}

	@Test
	void disconnectsTellChannelLevelAndRequestedEndsApart() {
		assertThat(new Disconnect(Kind.CHANNEL_ERROR, 1000, "phx_error").channelLevel()).isTrue();
		assertThat(new Disconnect(Kind.CHANNEL_CLOSED, 1000, "phx_close").channelLevel()).isTrue();
		assertThat(new Disconnect(Kind.SOCKET_CLOSED, 1000, "").channelLevel()).isFalse();
		assertThat(new Disconnect(Kind.HEARTBEAT_TIMEOUT, 1000, "heartbeat timeout").requested()).isFalse();
		assertThat(new Disconnect(Kind.LEFT, 1000, "left").requested()).isTrue();
		assertThat(new Disconnect(Kind.CLOSED, 1000, "closed").requested()).isTrue();
		assertThat(new Disconnect(Kind.SOCKET_CLOSED, null, "reset")).hasToString("SOCKET_CLOSED (reset)");
	}

	private static JoinSpec spec(URI url, Version version) {
		return JoinSpec.of(url, version, "room:lobby", JoinSpec.emptyPayload());
	}

}
