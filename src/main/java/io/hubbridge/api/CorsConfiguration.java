package io.hubbridge.api;

import java.util.List;

import io.hubbridge.config.BridgeProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebFilter;

/**
 * Lets the browser origins in {@code bridge.cors.allowed-origins} use the API: the stream
 * ({@code EventSource}), posting shouts and the reads, with the headers those need; other
 * origins' cross-origin requests are refused ({@code 403}). Credentials, when
 * {@code bridge.security} asks for them, travel in headers ({@code Authorization}, the
 * API key header), never as cookies across origins. Without allowed origins there is no
 * CORS processing.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

	/**
	 * Before Spring Security's filters (order -100), so that a preflight needs no
	 * credentials and a {@code 401} carries the CORS headers the browser needs to read
	 * it; after the observation filter, so that refused requests are still measured.
	 */
	static final int ORDER = -101;

	@Bean
	@Order(ORDER)
	WebFilter corsWebFilter(BridgeProperties properties) {
		BridgeProperties.Cors cors = properties.cors();
		if (cors.allowedOrigins().isEmpty()) {
			// no CORS processing at all: same-origin pages (and proxies that rewrite the
			// scheme) keep working as before
			return (exchange, chain) -> chain.filter(exchange);
		}
		org.springframework.web.cors.CorsConfiguration api = new org.springframework.web.cors.CorsConfiguration();
		api.setAllowedOrigins(cors.allowedOrigins());
		api.setAllowedMethods(List.of("GET", "POST"));
		api.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, "Last-Event-ID", "Idempotency-Key",
				HttpHeaders.AUTHORIZATION, properties.security().apiKeyHeader()));
		api.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, "Idempotent-Replayed", HttpHeaders.WWW_AUTHENTICATE));
		api.setMaxAge(cors.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", api);
		return new CorsWebFilter(source);
	}

}
