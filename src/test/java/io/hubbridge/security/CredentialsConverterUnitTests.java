package io.hubbridge.security;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsConverterUnitTests {

	private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyb2JpbiJ9.c2lnbmF0dXJl";

	private final CredentialsConverter converter = new CredentialsConverter("X-API-Key", "hub_bridge_token", true);

	@Test
	void theApiKeyHeaderComesFirst() {
		Authentication found = convert(MockServerHttpRequest.post("/api/rooms/lobby/shouts")
			.header("X-API-Key", "key-0123456789abcdef")
			.header("Authorization", "Bearer " + JWT));
		assertThat(found).isInstanceOf(ApiKeyAuthentication.class);
		assertThat(found.getCredentials()).isEqualTo("key-0123456789abcdef");
	}

	@Test
	void aBearerTokenIsAJwtWhenItLooksLikeOneAndAnApiKeyOtherwise() {
		assertThat(convert(MockServerHttpRequest.get("/api/rooms").header("Authorization", "bearer " + JWT)))
			.isInstanceOf(BearerTokenAuthenticationToken.class);
		assertThat(convert(MockServerHttpRequest.get("/api/rooms").header("Authorization", "Bearer key-0123456789")))
			.isInstanceOf(ApiKeyAuthentication.class);
		assertThat(new CredentialsConverter("X-API-Key", "c", false)
			.convert(MockServerWebExchange
				.from(MockServerHttpRequest.get("/api/rooms").header("Authorization", "Bearer " + JWT)))
			.block(java.time.Duration.ofSeconds(5))).isInstanceOf(ApiKeyAuthentication.class);
	}

	@Test
	void theQueryAndTheCookieCountForTheStreamOnly() {
		assertThat(convert(MockServerHttpRequest.get("/api/rooms/lobby/events?access_token=" + JWT)))
			.isInstanceOf(BearerTokenAuthenticationToken.class);
		assertThat(convert(MockServerHttpRequest.get("/api/rooms/lobby/events")
			.cookie(new HttpCookie("hub_bridge_token", "key-0123456789abcdef"))))
			.isInstanceOf(ApiKeyAuthentication.class);
		assertThat(convert(MockServerHttpRequest.get("/api/rooms/lobby/presence?access_token=" + JWT))).isNull();
		assertThat(convert(MockServerHttpRequest.post("/api/rooms/lobby/events?access_token=" + JWT))).isNull();
		assertThat(convert(MockServerHttpRequest.post("/api/rooms/lobby/shouts")
			.cookie(new HttpCookie("hub_bridge_token", "key-0123456789abcdef")))).isNull();
	}

	@Test
	void noCredentialsAndBlankOnesAreNone() {
		assertThat(convert(MockServerHttpRequest.get("/api/rooms/lobby/events"))).isNull();
		assertThat(convert(MockServerHttpRequest.get("/api/rooms/lobby/events").header("X-API-Key", " "))).isNull();
		assertThat(convert(MockServerHttpRequest.get("/api/rooms/lobby/events").header("Authorization", "Bearer ")))
			.isNull();
	}

	@Test
	void aJwtHasThreeNonEmptyParts() {
		assertThat(CredentialsConverter.looksLikeJwt(JWT)).isTrue();
		assertThat(CredentialsConverter.looksLikeJwt("a.b")).isFalse();
		assertThat(CredentialsConverter.looksLikeJwt("a..c")).isFalse();
		assertThat(CredentialsConverter.looksLikeJwt(".b.c")).isFalse();
		assertThat(CredentialsConverter.looksLikeJwt("a.b.")).isFalse();
		assertThat(CredentialsConverter.looksLikeJwt("a.b.c.d")).isFalse();
	}

	private Authentication convert(MockServerHttpRequest.BaseBuilder<?> request) {
		return this.converter.convert(MockServerWebExchange.from(request)).block(java.time.Duration.ofSeconds(5));
	}

}
