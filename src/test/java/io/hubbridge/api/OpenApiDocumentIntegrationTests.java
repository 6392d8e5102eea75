package io.hubbridge.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.hubbridge.room.EventType;
import io.hubbridge.support.HttpReads;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document that generated clients are built from: every endpoint, every SSE
 * event type and every error has a schema and an example.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class OpenApiDocumentIntegrationTests {

	private static final List<String> EVENT_SCHEMAS = List.of("PresenceSnapshot", "ShoutEvent", "JoinEvent",
			"LeaveEvent", "TypingEvent", "UpstreamEvent", "ResetEvent", "ShutdownEvent");

	@LocalServerPort
	int port;

	JsonNode document;

	@BeforeEach
	void fetch() {
		WebTestClient http = WebTestClient.bindToServer()
			.responseTimeout(java.time.Duration.ofSeconds(30))
			.baseUrl("http://localhost:" + this.port)
			.build();
		this.document = HttpReads.okJson(http, "/v3/api-docs");
	}

	@Test
	void describesEveryEndpointOfTheBridge() {
		assertThat(this.document.get("paths").propertyNames()).containsExactlyInAnyOrder("/api/rooms",
				"/api/rooms/{room}", "/api/rooms/{room}/events", "/api/rooms/{room}/shouts",
				"/api/rooms/{room}/presence");
		assertThat(operations()).allSatisfy((operation) -> {
			assertThat(operation.get("summary")).as("summary").isNotNull();
			assertThat(operation.get("responses").propertyNames()).contains("500");
		});
	}

	@Test
	void everyErrorIsAProblemWithItsSchema() {
		for (JsonNode operation : operations()) {
			for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
				if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
					assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").stringValue())
						.as("%s %s", operation.get("summary"), response.getKey())
						.isEqualTo("#/components/schemas/Problem");
				}
			}
		}
		assertThat(schema("Problem").get("example")).isNotNull();
		String typeDescription = schema("Problem").at("/properties/type/description").stringValue();
		schema("Problem").at("/properties/type/enum")
			.forEach((type) -> assertThat(typeDescription).contains("| `" + type.stringValue() + "` | "));
		assertThat(ProblemTypeDocs.ALL).hasSameSizeAs(schema("Problem").at("/properties/type/enum"));
		assertThat(schema("Problem").at("/properties/errors")).isNotNull();
	}

	@Test
	void everySseEventTypeHasASchemaWithAnExample() {
		JsonNode stream = this.document
			.at("/paths/~1api~1rooms~1{room}~1events/get/responses/200/content/text~1event-stream");
		assertThat(stream.at("/schema/$ref").stringValue()).isEqualTo("#/components/schemas/RoomSseEvent");
		assertThat(stream.at("/examples/stream/value").stringValue()).contains("event: presence", "event: shout");
		JsonNode union = schema("RoomSseEvent");
		assertThat(union.at("/discriminator/propertyName").stringValue()).isEqualTo("event");
		List<String> wireNames = Arrays.stream(EventType.values()).map(EventType::wireName).toList();
		assertThat(union.at("/discriminator/mapping").propertyNames()).containsExactlyInAnyOrderElementsOf(wireNames);
		List<String> dataSchemas = new ArrayList<>();
		union.get("oneOf").forEach((ref) -> {
			JsonNode event = schema(ref.get("$ref").stringValue().replace("#/components/schemas/", ""));
			assertThat(event.at("/properties/id/$ref").stringValue()).isEqualTo("#/components/schemas/EventId");
			assertThat(event.at("/properties/event/enum/0").stringValue()).isIn(wireNames);
			assertThat(event.get("required")).hasSize(3);
			dataSchemas.add(event.at("/properties/data/$ref").stringValue().replace("#/components/schemas/", ""));
		});
		assertThat(dataSchemas).containsExactlyInAnyOrderElementsOf(EVENT_SCHEMAS);
		EVENT_SCHEMAS.forEach((name) -> assertThat(schema(name).get("example")).as(name).isNotNull());
		String description = this.document.at("/paths/~1api~1rooms~1{room}~1events/get/description").stringValue();
		wireNames.forEach((name) -> assertThat(description).contains("| `" + name + "` |"));
		assertThat(description).contains("Last-Event-ID", "retry:", ": keep-alive", "EPOCH-SEQ", "types=");
	}

	@Test
	void everySuccessfulAnswerHasASchemaWithAnExample() {
		for (String name : List.of("ShoutReceipt", "ShoutRequest", "RoomInfo", "PresenceSnapshot", "User",
				"ShoutEvent")) {
			assertThat(schema(name).get("example")).as(name).isNotNull();
		}
	}

	private JsonNode schema(String name) {
		JsonNode schema = this.document.at("/components/schemas/" + name);
		assertThat(schema.isMissingNode()).as("schema " + name).isFalse();
		return schema;
	}

	private List<JsonNode> operations() {
		List<JsonNode> operations = new ArrayList<>();
		this.document.get("paths").forEach((path) -> path.forEach(operations::add));
		return operations;
	}

}
