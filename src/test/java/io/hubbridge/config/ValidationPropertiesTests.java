package io.hubbridge.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bridge.validation.*} is checked at start-up: what Hub cannot store can never be
 * allowed, and a room pattern must be a regular expression.
 */
class ValidationPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsAreSafe() {
		this.runner.run((context) -> {
			BridgeProperties.Validation validation = context.getBean(BridgeProperties.class).validation();
			assertThat(validation.roomPattern()).isEqualTo("[A-Za-z0-9][A-Za-z0-9._~-]*");
			assertThat(validation.maxRoomLength()).isEqualTo(255);
			assertThat(validation.maxNameLength()).isEqualTo(255);
			assertThat(validation.maxBodyLength()).isEqualTo(500_000);
			assertThat(validation.maxRequestSize().toBytes()).isEqualTo(1024 * 1024);
		});
	}

	@Test
	void namesLongerThanHubsColumnsCannotBeAllowed() {
		for (String property : new String[] { "maxNameLength", "maxRoomLength" }) {
			String kebab = property.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
			this.runner.withPropertyValues("bridge.validation." + kebab + "=256")
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("field 'validation." + property + "': rejected value [256]")
					.hasMessageContaining("must be less than or equal to 255"));
		}
	}

	@Test
	void roomPatternMustBeARegularExpression() {
		this.runner.withPropertyValues("bridge.validation.room-pattern=[a-z")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("bridge.validation.room-pattern is not a regular expression")
				.hasStackTraceContaining("Unclosed character class"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BridgeProperties.class)
	static class PropertiesOnly {

	}

}
