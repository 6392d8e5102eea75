package io.hubbridge.security;

import io.hubbridge.HubBridgeApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A security configuration that cannot work stops the bridge at start-up with a message
 * naming the properties, rather than locking everyone out or letting everyone in.
 */
class SecurityStartupTests {

	@Test
	void authenticatedWithoutAnyCredentialsToCheckDoesNotStart() {
		assertThatThrownBy(() -> start("bridge.security.writes=authenticated")).rootCause()
			.hasMessageContaining("no credentials can be checked")
			.hasMessageContaining("bridge.security.api-keys");
	}

	@Test
	void bindNameWithOpenWritesDoesNotStart() {
		assertThatThrownBy(() -> start("bridge.security.bind-name=true")).rootCause()
			.hasMessageContaining("bridge.security.bind-name=true needs bridge.security.writes=authenticated");
	}

	@Test
	void aShortApiKeyDoesNotStartAndIsNotShown() {
		assertThatThrownBy(
				() -> start("bridge.security.api-keys[0].name=robin", "bridge.security.api-keys[0].key=short-secret"))
			.hasStackTraceContaining("bridge.security.api-keys")
			.satisfies(
					(ex) -> org.assertj.core.api.Assertions.assertThat(stackTrace(ex)).doesNotContain("short-secret"));
	}

	private static String stackTrace(Throwable ex) {
		java.io.StringWriter text = new java.io.StringWriter();
		ex.printStackTrace(new java.io.PrintWriter(text));
		return text.toString();
	}

	private static void start(String... properties) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HubBridgeApplication.class)
			.properties(properties)
			// arguments: application.yml's server.port outranks default properties
			.run("--server.port=0", "--bridge.embedded-hub.port=0", "--spring.main.banner-mode=off")) {
			throw new AssertionError("started");
		}
	}

}
