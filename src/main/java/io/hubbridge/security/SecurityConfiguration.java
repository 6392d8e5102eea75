package io.hubbridge.security;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.config.BridgeProperties.Security.Mode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Who may read and write ({@code bridge.security.*}). With both open (the default) the
 * security filters match no request at all, so the bridge behaves as without Spring
 * Security. Otherwise the protected requests need an API key or a JWT, stateless (no
 * session, no cookie set, no CSRF: a POST only takes credentials from headers), and are
 * refused with {@code 401} problems.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	ApiKeys apiKeys(BridgeProperties properties) {
		return ApiKeys.load(properties.security());
	}

	@Bean
	SecurityWebFilterChain bridgeSecurityFilterChain(ServerHttpSecurity http, BridgeProperties properties,
			ApiKeys apiKeys, ObjectProvider<ReactiveJwtDecoder> jwtDecoder, JsonMapper json) {
		BridgeProperties.Security security = properties.security();
		ProtectedRequests protectedRequests = new ProtectedRequests(security.writes(), security.reads());
		ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
		check(security, protectedRequests, apiKeys, decoder);
		if (!protectedRequests.any()) {
			// nothing to protect: no filter runs, not even Spring Security's headers
			return http.securityMatcher((exchange) -> ServerWebExchangeMatcher.MatchResult.notMatch()).build();
		}
		logger.info("Credentials needed for writes: {}, for reads: {}; {} API keys, JWT {}", security.writes(),
				security.reads(), apiKeys.size(), (decoder != null) ? "configured" : "not configured");
		SecurityProblems problems = new SecurityProblems(json);
		AuthenticationFailures failures = new AuthenticationFailures(problems, security.apiKeyHeader(),
				security.tokenCookie(), !apiKeys.isEmpty(), decoder != null);
		AuthenticationWebFilter authentication = new AuthenticationWebFilter(
				new CredentialsAuthenticationManager(apiKeys, jwt(decoder, security)));
		authentication.setServerAuthenticationConverter(
				new CredentialsConverter(security.apiKeyHeader(), security.tokenCookie(), decoder != null));
		// credentials are looked at only where they are needed: open requests stay open
		authentication.setRequiresAuthenticationMatcher(protectedRequests);
		ServerAuthenticationEntryPointFailureHandler failed = new ServerAuthenticationEntryPointFailureHandler(
				failures);
		failed.setRethrowAuthenticationServiceException(false);
		authentication.setAuthenticationFailureHandler(failed);
		authentication.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		// only the API: pages, documents and actuator never pass Spring Security's
		// filters
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.cors(ServerHttpSecurity.CorsSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(failures)
				.accessDeniedHandler(
						(exchange, denied) -> problems.forbidden(exchange, "The authenticated client may not do this")))
			.addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange(
					(exchanges) -> exchanges.matchers(protectedRequests).authenticated().anyExchange().permitAll())
			.build();
	}

	private static void check(BridgeProperties.Security security, ProtectedRequests protectedRequests, ApiKeys apiKeys,
			@Nullable ReactiveJwtDecoder decoder) {
		if (protectedRequests.any() && apiKeys.isEmpty() && decoder == null) {
			throw new IllegalStateException("bridge.security.writes or reads is 'authenticated' but no credentials "
					+ "can be checked: set bridge.security.api-keys or bridge.security.api-keys-file, or "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri or public-key-location");
		}
		if (security.bindName() && security.writes() != Mode.AUTHENTICATED) {
			throw new IllegalStateException(
					"bridge.security.bind-name=true needs bridge.security.writes=authenticated");
		}
	}

	private static @Nullable ReactiveAuthenticationManager jwt(@Nullable ReactiveJwtDecoder decoder,
			BridgeProperties.Security security) {
		if (decoder == null) {
			return null;
		}
		JwtReactiveAuthenticationManager jwt = new JwtReactiveAuthenticationManager(decoder);
		jwt.setJwtAuthenticationConverter(new JwtNames(security.jwtNameClaim()));
		return jwt;
	}

	@Bean
	RejectedExchanges rejectedExchanges(JsonMapper json) {
		return new RejectedExchanges(new SecurityProblems(json));
	}

	@Bean
	ShoutNameBinding shoutNameBinding(BridgeProperties properties) {
		return new ShoutNameBinding(properties.security().bindName());
	}

	@Bean
	SecurityOpenApi securityOpenApi(BridgeProperties properties, ApiKeys apiKeys,
			ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
		return new SecurityOpenApi(properties.security(), !apiKeys.isEmpty(), jwtDecoder.getIfAvailable() != null);
	}

	@Bean
	AccessLogMasking accessLogMasking(Environment environment) {
		return new AccessLogMasking(environment.getProperty(AccessLogMasking.ENABLED_PROPERTY, Boolean.class, false));
	}

}
