package io.hubbridge.hub;

import io.hubbridge.config.BridgeProperties;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts the {@link EmbeddedHub} when no Hub URL is configured ({@code bridge.hub.url}
 * unset or empty), so that the bridge works out of the box. With a URL, nothing listens.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedHubConfiguration.NoHubUrlCondition.class)
public class EmbeddedHubConfiguration {

	@Bean(initMethod = "start", destroyMethod = "stop")
	EmbeddedHub embeddedHub(BridgeProperties properties) {
		BridgeProperties.EmbeddedHub settings = properties.embeddedHub();
		return new EmbeddedHub(settings.host(), settings.port(), settings.idleTimeout());
	}

	/** Matches when {@code bridge.hub.url} is not set, in any relaxed form, or blank. */
	static class NoHubUrlCondition extends SpringBootCondition {

		static final String PROPERTY = "bridge.hub.url";

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = Binder.get(context.getEnvironment()).bind(PROPERTY, String.class).orElse("");
			if (url.isBlank()) {
				return ConditionOutcome.match(PROPERTY + " is not set: using the embedded Hub");
			}
			return ConditionOutcome.noMatch(PROPERTY + " is set: Hub is at " + url);
		}

	}

}
