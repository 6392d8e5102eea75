package io.hubbridge.phoenix;

import io.hubbridge.phoenix.Serializer.Version;
import org.jspecify.annotations.Nullable;

/** {@link PhoenixClientIntegrationTests} speaking V2: array frames. */
class PhoenixClientV2IntegrationTests extends PhoenixClientIntegrationTests {

	@Override
	Version version() {
		return Version.V2;
	}

	@Override
	String frame(@Nullable String joinRef, @Nullable String ref, String topic, String event, String payload) {
		return "[" + quoted(joinRef) + "," + quoted(ref) + "," + quoted(topic) + "," + quoted(event) + "," + payload
				+ "]";
	}

	@Override
	String frameOfTheOtherShape() {
		return "{\"topic\":\"room:lobby\",\"event\":\"shout\",\"payload\":{\"body\":\"v1\"},\"ref\":null}";
	}

	@Override
	String frameMissingFields() {
		return "[null,null,\"room:lobby\"]";
	}

}
