package io.hubbridge.security;

import java.util.LinkedHashMap;
import java.util.Map;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.config.BridgeProperties.Security.Mode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The OpenAPI document's security: the schemes (API key header, JWT bearer, and for the
 * stream the {@code access_token} query parameter and the token cookie) and, on each
 * operation that needs credentials as configured, its requirements and its {@code 401}
 * (and with bind-name, the shout post's {@code 403}) as problems with examples.
 */
class SecurityOpenApi implements OpenApiCustomizer {

	static final String API_KEY = "apiKey";

	static final String BEARER = "bearerJwt";

	static final String QUERY = "accessTokenQuery";

	static final String COOKIE = "tokenCookie";

	private static final String PROBLEM = "application/problem+json";

	private final BridgeProperties.Security security;

	private final boolean apiKeys;

	private final boolean jwt;

	SecurityOpenApi(BridgeProperties.Security security, boolean apiKeys, boolean jwt) {
		this.security = security;
		this.apiKeys = apiKeys;
		this.jwt = jwt;
	}

	@Override
	public void customise(OpenAPI openApi) {
		Components components = openApi.getComponents();
		components.addSecuritySchemes(API_KEY,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name(this.security.apiKeyHeader())
					.description("An API key (bridge.security.api-keys)"));
		components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.bearerFormat("JWT")
			.description("A JWT from the configured issuer or signed with the configured key; an API key also works"));
		components.addSecuritySchemes(QUERY,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.QUERY)
					.name(CredentialsConverter.QUERY_PARAMETER)
					.description("The stream only, for EventSource: an API key or a JWT"));
		components.addSecuritySchemes(COOKIE,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.COOKIE)
					.name(this.security.tokenCookie())
					.description("The stream only, for EventSource: an API key or a JWT"));
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			if (isProtected(path, method)) {
				protect(operation, path.endsWith("/events"));
			}
			if (this.security.bindName() && method == PathItem.HttpMethod.POST && path.endsWith("/shouts")) {
				operation.getResponses()
					.addApiResponse("403", problem("The shout's name is not the authenticated name (bind-name)", Map
						.of("name-not-bound", example(403, "Forbidden", "forbidden",
								"A shout's name must be the authenticated name: you are 'robin', the shout says 'mallory'",
								"/api/rooms/lobby/shouts"))));
			}
		}));
	}

	private boolean isProtected(String path, PathItem.HttpMethod method) {
		if (!path.startsWith("/api/") || method == PathItem.HttpMethod.OPTIONS) {
			return false;
		}
		boolean read = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD;
		return (read ? this.security.reads() : this.security.writes()) == Mode.AUTHENTICATED;
	}

	private void protect(Operation operation, boolean stream) {
		if (this.apiKeys) {
			operation.addSecurityItem(new SecurityRequirement().addList(API_KEY));
		}
		operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
		if (stream) {
			operation.addSecurityItem(new SecurityRequirement().addList(QUERY));
			operation.addSecurityItem(new SecurityRequirement().addList(COOKIE));
		}
		Map<String, Example> examples = new LinkedHashMap<>();
		examples.put("missing", example(401, "Unauthorized", "unauthorized",
				"This request needs credentials: an API key in the X-API-Key header or an Authorization: Bearer token",
				"/api/rooms/lobby/shouts"));
		if (this.apiKeys) {
			examples.put("wrong-api-key", example(401, "Unauthorized", "unauthorized", "The API key is not valid",
					"/api/rooms/lobby/shouts"));
		}
		if (this.jwt) {
			examples.put("expired", example(401, "Unauthorized", "unauthorized", "The bearer token has expired",
					"/api/rooms/lobby/shouts"));
		}
		ApiResponse unauthorized = problem("Missing or bad credentials", examples);
		unauthorized.addHeaderObject("WWW-Authenticate",
				new Header().description("A challenge per kind of credentials: Bearer, ApiKey")
					.schema(new StringSchema()));
		operation.getResponses().addApiResponse("401", unauthorized);
	}

	private static ApiResponse problem(String description, Map<String, Example> examples) {
		Schema<?> problem = new Schema<>().$ref("#/components/schemas/Problem");
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM, new MediaType().schema(problem).examples(examples)));
	}

	private static Example example(int status, String title, String type, String detail, String instance) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("type", "urn:hub-bridge:problem:" + type);
		value.put("title", title);
		value.put("status", status);
		value.put("detail", detail);
		value.put("instance", instance);
		return new Example().value(value);
	}

}
