package io.hubbridge.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Names a JWT's holder by the configured claim ({@code bridge.security.jwt-name-claim}),
 * or by {@code sub} when the token has no such claim.
 */
class JwtNames implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

	private final String claim;

	JwtNames(String claim) {
		this.claim = claim;
	}

	@Override
	public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
		String name = jwt.getClaimAsString(this.claim);
		if (name == null || name.isBlank()) {
			name = jwt.getSubject();
		}
		return Mono.just(new JwtAuthenticationToken(jwt, List.of(), (name != null) ? name : ""));
	}

}
