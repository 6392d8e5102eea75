package io.hubbridge.security;

import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request that Spring Security's firewall refuses (an encoded slash, NUL or
 * line break in the path, {@code //}, a non-printable character, an unknown method) with
 * a {@code 400} problem naming why, instead of an empty {@code 400}. The firewall runs
 * before any other filter, so such paths never reach a security rule or a controller that
 * could read them differently.
 */
public class RejectedExchanges implements ServerExchangeRejectedHandler {

	private final SecurityProblems problems;

	RejectedExchanges(SecurityProblems problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
		return this.problems.malformed(exchange, detail(rejected.getMessage()));
	}

	/**
	 * The firewall's reason, unless it may quote a header or a parameter value, which may
	 * be a secret (an {@code access_token}, say).
	 */
	public static String detail(String reason) {
		String lower = (reason != null) ? reason.toLowerCase(Locale.ROOT) : "header";
		if (lower.contains("header")) {
			return "The request was rejected because a header name or value is not allowed";
		}
		if (lower.contains("value")) {
			return "The request was rejected because a query parameter value is not allowed";
		}
		return reason;
	}

}
