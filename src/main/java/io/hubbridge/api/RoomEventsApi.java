package io.hubbridge.api;

import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The room's event stream. Its OpenAPI description is {@link RoomEventsOpenApi}'s, whole,
 * so that it does not depend on the handler.
 */
interface RoomEventsApi {

	/** How every endpoint describes its {@code room} path variable. */
	String ROOM_DESCRIPTION = "The room, as in Hub's topic `room:NAME`: 1 to 255 characters matching "
			+ "`bridge.validation.room-pattern` (by default letters, digits and `.` `_` `~` `-`, "
			+ "starting with a letter or digit)";

	Mono<Void> events(String room, @Nullable String types, @Nullable String lastEventIdParam,
			@Nullable String lastEventIdHeader, @Parameter(hidden = true) ServerHttpResponse response,
			@Parameter(hidden = true) ServerWebExchange exchange);

}
