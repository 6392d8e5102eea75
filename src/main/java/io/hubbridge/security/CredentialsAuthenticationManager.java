package io.hubbridge.security;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** Checks an API key against the configured keys, and a JWT with the resource server. */
class CredentialsAuthenticationManager implements ReactiveAuthenticationManager {

	private final ApiKeys apiKeys;

	private final @Nullable ReactiveAuthenticationManager jwt;

	CredentialsAuthenticationManager(ApiKeys apiKeys, @Nullable ReactiveAuthenticationManager jwt) {
		this.apiKeys = apiKeys;
		this.jwt = jwt;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication presented) {
		if (presented instanceof ApiKeyAuthentication apiKey && apiKey.getCredentials() instanceof String key) {
			return this.apiKeys.nameOf(key)
				.<Mono<Authentication>>map((name) -> Mono.just(ApiKeyAuthentication.authenticated(name)))
				.orElseGet(() -> Mono.error(new UnknownApiKeyException()));
		}
		if (presented instanceof BearerTokenAuthenticationToken && this.jwt != null) {
			return this.jwt.authenticate(presented);
		}
		return Mono.error(new InvalidBearerTokenException("JWT bearer tokens are not configured"));
	}

}
