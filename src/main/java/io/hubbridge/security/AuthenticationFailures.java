package io.hubbridge.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request without good credentials with {@code 401}: a problem whose detail
 * says precisely what was wrong (missing, unknown API key, expired, wrong issuer, bad
 * signature) without echoing the token, and a {@code WWW-Authenticate} challenge for each
 * kind of credentials configured.
 */
class AuthenticationFailures implements ServerAuthenticationEntryPoint {

	private static final String REALM = "realm=\"hub-bridge\"";

	private final SecurityProblems problems;

	private final String apiKeyHeader;

	private final String tokenCookie;

	private final boolean apiKeysEnabled;

	private final boolean jwtEnabled;

	AuthenticationFailures(SecurityProblems problems, String apiKeyHeader, String tokenCookie, boolean apiKeysEnabled,
			boolean jwtEnabled) {
		this.problems = problems;
		this.apiKeyHeader = apiKeyHeader;
		this.tokenCookie = tokenCookie;
		this.apiKeysEnabled = apiKeysEnabled;
		this.jwtEnabled = jwtEnabled;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		Failure failure = classify(ex);
		String detail = (failure == Failure.MISSING) ? missing(exchange) : failure.detail;
		return this.problems.unauthorized(exchange, detail, challenges(failure));
	}

	private String missing(ServerWebExchange exchange) {
		List<String> ways = new ArrayList<>();
		if (this.apiKeysEnabled) {
			ways.add("an API key in the " + this.apiKeyHeader + " header");
		}
		ways.add("an Authorization: Bearer token");
		String detail = "This request needs credentials: " + String.join(" or ", ways);
		if (CredentialsConverter.isStream(exchange.getRequest())) {
			detail += "; a stream also takes the token as the access_token query parameter or the " + this.tokenCookie
					+ " cookie";
		}
		return detail;
	}

	private List<String> challenges(Failure failure) {
		List<String> challenges = new ArrayList<>();
		if (this.jwtEnabled) {
			String bearer = "Bearer " + REALM;
			if (failure.jwt) {
				bearer += ", error=\"invalid_token\", error_description=\"" + failure.detail + "\"";
			}
			challenges.add(bearer);
		}
		if (this.apiKeysEnabled) {
			challenges.add("ApiKey " + REALM + ", header=\"" + this.apiKeyHeader + "\"");
		}
		return challenges;
	}

	static Failure classify(AuthenticationException ex) {
		if (ex instanceof UnknownApiKeyException) {
			return Failure.UNKNOWN_API_KEY;
		}
		if (ex instanceof AuthenticationServiceException) {
			return Failure.UNVERIFIABLE;
		}
		if (!(ex instanceof InvalidBearerTokenException)) {
			return Failure.MISSING;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException invalid) {
				return classify(invalid);
			}
			if (mentions(cause.getMessage(), "signature")) {
				return Failure.BAD_SIGNATURE;
			}
		}
		return Failure.MALFORMED_TOKEN;
	}

	private static Failure classify(JwtValidationException invalid) {
		for (OAuth2Error error : invalid.getErrors()) {
			if (mentions(error.getDescription(), "expired")) {
				return Failure.EXPIRED;
			}
			if (mentions(error.getDescription(), "iss claim")) {
				return Failure.WRONG_ISSUER;
			}
		}
		return Failure.INVALID_CLAIMS;
	}

	private static boolean mentions(@Nullable String message, String word) {
		return message != null && message.toLowerCase(Locale.ROOT).contains(word);
	}

	/** What was wrong with a request's credentials. */
	enum Failure {

		MISSING(false, "This request needs credentials"),

		UNKNOWN_API_KEY(false, "The API key is not valid"),

		EXPIRED(true, "The bearer token has expired"),

		WRONG_ISSUER(true, "The bearer token was not issued by the configured issuer"),

		BAD_SIGNATURE(true, "The bearer token's signature is not valid"),

		INVALID_CLAIMS(true, "The bearer token's claims are not valid"),

		MALFORMED_TOKEN(true, "The bearer token is not a valid JWT"),

		UNVERIFIABLE(true, "The bearer token could not be verified now (the issuer's keys are unavailable)");

		final boolean jwt;

		final String detail;

		Failure(boolean jwt, String detail) {
			this.jwt = jwt;
			this.detail = detail;
		}

	}

}
