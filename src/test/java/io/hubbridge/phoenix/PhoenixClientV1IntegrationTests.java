package io.hubbridge.phoenix;

import io.hubbridge.phoenix.Serializer.Version;
import org.jspecify.annotations.Nullable;

/** {@link PhoenixClientIntegrationTests} speaking V1: object frames. */
class PhoenixClientV1IntegrationTests extends PhoenixClientIntegrationTests {

	@Override
	Version version() {
		return Version.V1;
	}

	@Override
	String frame(@Nullable String joinRef, @Nullable String ref, String topic, String event, String payload) {
		return "{\"topic\":" + quoted(topic) + ",\"event\":" + quoted(event) + ",\"payload\":" + payload + ",\"ref\":"
				+ quoted(ref) + ((joinRef != null) ? ",\"join_ref\":" + quoted(joinRef) : "") + "}";
	}

	@Override
	String frameOfTheOtherShape() {
		return "[null,null,\"room:lobby\",\"shout\",{\"body\":\"v2\"}]";
	}

	@Override
	String frameMissingFields() {
		return "{\"topic\":\"room:lobby\",\"payload\":{},\"ref\":null}";
	}

}
