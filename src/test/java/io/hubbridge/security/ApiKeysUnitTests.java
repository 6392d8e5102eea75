package io.hubbridge.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.support.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ApiKeysUnitTests {

	@TempDir
	Path directory;

	@Test
	void keysFromPropertiesAndFromTheFileAreKnownByTheirNames() throws IOException {
		Path file = this.directory.resolve("keys");
		Files.writeString(file, "# comment\n\n  bot : bot-key-0123456789abcdef  \nci:ci:key-with-colon-0123\n");
		ApiKeys keys = ApiKeys
			.load(security(Map.of("bridge.security.api-keys[0].name", "robin", "bridge.security.api-keys[0].key",
					"robin-key-0123456789abcdef", "bridge.security.api-keys-file", file.toString())));
		assertThat(keys.size()).isEqualTo(3);
		assertThat(keys.nameOf("robin-key-0123456789abcdef")).contains("robin");
		assertThat(keys.nameOf("bot-key-0123456789abcdef")).contains("bot");
		assertThat(keys.nameOf("ci:key-with-colon-0123")).contains("ci");
		assertThat(keys.nameOf("robin-key-0123456789abcdeF")).isEmpty();
		assertThat(keys.nameOf("")).isEmpty();
	}

	@Test
	void noKeysConfiguredKnowsNoKey() {
		ApiKeys keys = ApiKeys.load(security(Map.of()));
		assertThat(keys.isEmpty()).isTrue();
		assertThat(keys.nameOf("anything-0123456789abcdef")).isEmpty();
	}

	@Test
	void aMalformedLineIsNamedByItsNumberWithoutItsContent() throws IOException {
		Path file = this.directory.resolve("keys");
		Files.writeString(file, "ok:ok-key-0123456789abcdef\njust-a-secret-0123456789\n");
		assertThatIllegalStateException()
			.isThrownBy(() -> ApiKeys.load(security(Map.of("bridge.security.api-keys-file", file.toString()))))
			.withMessageContaining("line 2: expected name:key")
			.withMessageNotContaining("just-a-secret");
	}

	@Test
	void aShortKeyIsRefusedWithoutBeingShown() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ApiKeys.load(security(
					Map.of("bridge.security.api-keys[0].name", "robin", "bridge.security.api-keys[0].key", "tiny"))))
			.withMessageContaining("the API key of 'robin' is shorter than 16 characters")
			.withMessageNotContaining("tiny");
	}

	@Test
	void twoNamesWithTheSameKeyAreRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ApiKeys.load(security(Map.of("bridge.security.api-keys[0].name", "a",
					"bridge.security.api-keys[0].key", "same-key-0123456789abc", "bridge.security.api-keys[1].name",
					"b", "bridge.security.api-keys[1].key", "same-key-0123456789abc"))))
			.withMessageContaining("'b' has the same API key as 'a'");
	}

	@Test
	void aMissingFileIsNamed() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ApiKeys.load(security(Map.of("bridge.security.api-keys-file", "/nonexistent/keys"))))
			.withMessageContaining("bridge.security.api-keys-file: cannot read /nonexistent/keys");
	}

	@Test
	void aConfiguredKeyNeverShowsInItsDescription() {
		BridgeProperties.Security security = security(Map.of("bridge.security.api-keys[0].name", "robin",
				"bridge.security.api-keys[0].key", "secret-0123456789abc"));
		assertThat(security.toString()).contains("robin").doesNotContain("secret-0123456789abc");
	}

	private static BridgeProperties.Security security(Map<String, String> properties) {
		return TestProperties.bind(properties).security();
	}

}
