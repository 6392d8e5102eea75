package io.hubbridge.phoenix;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SocketUrlUnitTests {

	private static final URI SOCKET = URI.create("wss://hub.example.com/socket/websocket");

	@Test
	void noParamsLeaveTheUrlAsItIs() {
		assertThat(SocketUrl.withParams(SOCKET, Map.of())).isSameAs(SOCKET);
	}

	@Test
	void paramsAreFormEncodedInKeyOrderAfterAnExistingQuery() {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("token", "a b&c=d/é");
		params.put("app", "bridge");
		assertThat(SocketUrl.withParams(SOCKET, params))
			.hasToString("wss://hub.example.com/socket/websocket?app=bridge&token=a+b%26c%3Dd%2F%C3%A9");
		assertThat(SocketUrl.withParams(URI.create("ws://hub/socket/websocket?x=1#top"), Map.of("token", "t")))
			.hasToString("ws://hub/socket/websocket?x=1&token=t#top");
	}

	@Test
	void joinSpecAddsVsnAfterTheParams() {
		URI url = SocketUrl.withParams(SOCKET, Map.of("token", "t"));
		JoinSpec spec = JoinSpec.of(url, Serializer.Version.V2, "room:lobby", JoinSpec.emptyPayload());
		assertThat(spec.connectUrl()).hasToString("wss://hub.example.com/socket/websocket?token=t&vsn=2.0.0");
	}

	@Test
	void redactedMasksEveryQueryValueButVsnAndThePassword() {
		URI url = URI.create("wss://robin:hunter2@hub.example.com:4443/socket/websocket?token=abc&flag&vsn=2.0.0#x");
		assertThat(SocketUrl.redacted(url))
			.isEqualTo("wss://robin:****@hub.example.com:4443/socket/websocket?token=****&****&vsn=2.0.0");
	}

	@Test
	void redactedLeavesAUrlWithoutSecretsAlone() {
		assertThat(SocketUrl.redacted(URI.create("ws://127.0.0.1:4000/socket/websocket?vsn=1.0.0")))
			.isEqualTo("ws://127.0.0.1:4000/socket/websocket?vsn=1.0.0");
		assertThat(SocketUrl.redacted(SOCKET)).isEqualTo(SOCKET.toString());
	}

	@Test
	void joinSpecPrintsItsUrlRedacted() {
		URI url = SocketUrl.withParams(SOCKET, Map.of("token", "s3cr3t"));
		JoinSpec spec = JoinSpec.of(url, Serializer.Version.V1, "room:lobby", JoinSpec.emptyPayload());
		assertThat(spec.toString()).contains("token=****").doesNotContain("s3cr3t");
	}

}
