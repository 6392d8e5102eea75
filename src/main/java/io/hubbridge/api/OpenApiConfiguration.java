package io.hubbridge.api;

import java.util.Set;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's description, the event stream's operation
 * ({@link RoomEventsOpenApi}), the {@code Problem} schema for every error, and a
 * {@code 500} answer on every operation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI hubBridgeOpenApi() {
		return new OpenAPI().info(new Info().title("hub-bridge").version("v1").description("""
				Hub (a Phoenix-channels chat server) over plain HTTP: each room's events as Server-Sent Events, \
				REST endpoints to post shouts and read presence. Errors are RFC 9457 problem details with a \
				stable `type`.""").license(new License().name("MIT").identifier("MIT")));
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		RoomEventsOpenApi roomEvents = new RoomEventsOpenApi();
		return (openApi) -> {
			// first, so that the stream's operation exists whether or not springdoc found
			// its handler
			roomEvents.customise(openApi);
			ModelConverters.getInstance(true).readAll(Problem.class).forEach(openApi.getComponents()::addSchemas);
			openApi.getComponents().getSchemas().remove("ProblemDetail");
			Schema<?> type = (Schema<?>) openApi.getComponents()
				.getSchemas()
				.get("Problem")
				.getProperties()
				.get("type");
			type.description("The stable kind of error; a client decides by this, not by `title` or `detail`:\n\n"
					+ ProblemTypeDocs.table());
			Schema<?> problem = new Schema<>().$ref("#/components/schemas/Problem");
			openApi.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
				operation.getResponses().values().forEach(OpenApiConfiguration::typeHeaders);
				operation.getResponses()
					.addApiResponse("500",
							new ApiResponse().description("The bridge failed to handle the request")
								.content(new Content().addMediaType("application/problem+json",
										new MediaType().schema(problem))));
			}));
		};
	}

	/**
	 * Answer headers declared without a type: {@code Retry-After} is seconds, others
	 * text.
	 */
	private static void typeHeaders(ApiResponse response) {
		if (response.getHeaders() == null) {
			return;
		}
		response.getHeaders().forEach((name, header) -> {
			if (header.getSchema() == null && header.get$ref() == null) {
				header.setSchema(new Schema<>().types(Set.of(name.equals("Retry-After") ? "integer" : "string")));
			}
		});
	}

}
