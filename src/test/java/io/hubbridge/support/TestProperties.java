package io.hubbridge.support;

import java.util.Map;

import io.hubbridge.config.BridgeProperties;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Bridge properties bound as the application binds them, from a few overrides. */
public final class TestProperties {

	private TestProperties() {
	}

	public static BridgeProperties bind(Map<String, String> overrides) {
		Binder binder = new Binder(new MapConfigurationPropertySource(overrides));
		return binder.bindOrCreate("bridge", Bindable.of(BridgeProperties.class));
	}

	public static BridgeProperties defaults() {
		return bind(Map.of());
	}

}
