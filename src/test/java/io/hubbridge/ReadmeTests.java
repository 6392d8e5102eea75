package io.hubbridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README documents every configuration property, with its environment variable and
 * default.
 */
class ReadmeTests {

	@Test
	void everyBridgePropertyIsInTheConfigurationTable() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		List<JsonNode> properties = new ArrayList<>();
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonMapper.builder().build().readTree(metadata).get("properties").forEach(properties::add);
		}
		assertThat(properties).isNotEmpty();
		for (JsonNode property : properties) {
			String name = property.get("name").stringValue();
			String variable = name.replace("-", "").replace('.', '_').toUpperCase();
			assertThat(readme).as("README row for " + name).contains("| `" + name + "` | `" + variable + "` |");
		}
	}

}
