package io.hubbridge;

import java.util.List;

import io.hubbridge.support.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code logging.structured.format.console=ecs} makes every console line a JSON object,
 * and the room's log lines carry the room as a field of their own.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void consoleLinesAreJsonWithTheRoomAsAField(CapturedOutput output) {
		String room = "structured-logs";
		try (ConfigurableApplicationContext bridge = new SpringApplicationBuilder(HubBridgeApplication.class)
			.registerShutdownHook(false)
			// arguments: application.yml's server.port outranks default properties
			.run("--server.port=0", "--bridge.embedded-hub.port=0", "--logging.structured.format.console=ecs",
					// Boot's own set-up, as without a logback file (see the file)
					"--logging.config=classpath:logback-structured.xml")) {
			int port = ((WebServerApplicationContext) bridge).getWebServer().getPort();
			try (SseClient stream = SseClient.connect("http://localhost:" + port + "/api/rooms/" + room + "/events")) {
				stream.awaitJoined();
			}
		}
		List<String> lines = output.getOut()
			.lines()
			.filter((line) -> line.contains("[" + room + "] room opened"))
			.toList();
		assertThat(lines).hasSize(1);
		JsonNode opened = JSON.readTree(lines.get(0));
		assertThat(opened.path("message").asString()).startsWith("[" + room + "] room opened");
		assertThat(opened.path("room").asString()).isEqualTo(room);
		assertThat(opened.has("@timestamp")).isTrue();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Started HubBridgeApplication")))
			.allSatisfy((line) -> assertThat(JSON.readTree(line).isObject()).isTrue());
	}

}
