package io.hubbridge.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An API key: presented (not yet checked, holding the key) or authenticated (holding only
 * the name the key identifies).
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final String name;

	private @Nullable String key;

	private ApiKeyAuthentication(String name, @Nullable String key, boolean authenticated) {
		super(List.of());
		this.name = name;
		this.key = key;
		setAuthenticated(authenticated);
	}

	static ApiKeyAuthentication presented(String key) {
		return new ApiKeyAuthentication("", key, false);
	}

	static ApiKeyAuthentication authenticated(String name) {
		return new ApiKeyAuthentication(name, null, true);
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.key;
	}

	@Override
	public Object getPrincipal() {
		return this.name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public void eraseCredentials() {
		this.key = null;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
