package io.hubbridge.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * With {@code bridge.security.bind-name}, a shout's {@code name} must be the name of who
 * posts it: the API key's name or the JWT's name claim. Nobody can shout as someone else.
 */
public final class ShoutNameBinding {

	private final boolean enabled;

	ShoutNameBinding(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Completes when the name may be used by the current request's principal, fails with
	 * a {@code 403} problem otherwise.
	 */
	public Mono<Void> check(String name) {
		if (!this.enabled) {
			return Mono.empty();
		}
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.map(Authentication::getName)
			.switchIfEmpty(Mono.error(ShoutNameNotBoundException::unauthenticated))
			.flatMap((principal) -> principal.equals(name) ? Mono.<Void>empty()
					: Mono.error(ShoutNameNotBoundException.mismatch(principal, name)));
	}

}
