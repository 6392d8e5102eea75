package io.hubbridge.hub;

import java.util.List;

import io.hubbridge.phoenix.MalformedFrameException;
import io.hubbridge.phoenix.Serializer.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InboundMessageUnitTests {

	@Test
	void v1NeedsTopicEventPayloadAndRefOfAnyType() {
		InboundMessage message = InboundMessage.decode(Version.V1,
				"{\"topic\":5,\"event\":\"phx_join\",\"payload\":\"x\",\"ref\":null}");
		assertThat(message.topicName()).isNull();
		assertThat(message.topic().intValue()).isEqualTo(5);
		assertThat(message.joinRef().isNull()).isTrue();
		assertThat(message.isEvent("phx_join")).isTrue();
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> InboundMessage.decode(Version.V1, "{\"topic\":\"room:lobby\",\"event\":\"shout\"}"))
			.withMessage("missing key \"payload\"");
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> InboundMessage.decode(Version.V1, "[null,\"1\",\"phoenix\",\"heartbeat\",{}]"));
	}

	@Test
	void v2NeedsFiveElementsAndIgnoresMore() {
		InboundMessage message = InboundMessage.decode(Version.V2,
				"[null,\"2\",\"phoenix\",\"heartbeat\",{},\"extra\"]");
		assertThat(message.isHeartbeat()).isTrue();
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> InboundMessage.decode(Version.V2, "[\"1\",\"2\",\"room:lobby\"]"));
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> InboundMessage.decode(Version.V2,
				"{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\"2\"}"));
	}

	@Test
	void aHeartbeatIsOnlyOnTopicPhoenix() {
		assertThat(InboundMessage.decode(Version.V2, "[null,\"1\",\"room:lobby\",\"heartbeat\",{}]").isHeartbeat())
			.isFalse();
	}

	@Test
	void serializerIsChosenByVsnAsPhoenixDoes() {
		assertThat(HubEndpoint.version(null)).isEqualTo(Version.V1);
		assertThat(HubEndpoint.version(List.of("1.0.0"))).isEqualTo(Version.V1);
		assertThat(HubEndpoint.version(List.of("2.0.0"))).isEqualTo(Version.V2);
		assertThat(HubEndpoint.version(List.of("2.0.17"))).isEqualTo(Version.V2);
		assertThat(HubEndpoint.version(List.of("3.0.0"))).isNull();
		assertThat(HubEndpoint.version(List.of("abc"))).isNull();
		assertThat(HubEndpoint.version(List.of(""))).isNull();
	}

}
