package io.hubbridge.security;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Reactor Netty's access log (on with
 * {@code -Dreactor.netty.http.server.accessLogEnabled=true}) in its usual format, but
 * with the value of any {@code access_token} query parameter replaced by {@code ***}.
 */
class AccessLogMasking implements NettyServerCustomizer {

	static final String ENABLED_PROPERTY = "reactor.netty.http.server.accessLogEnabled";

	// Reactor Netty's own format (BaseAccessLogHandler.DEFAULT_LOG_FORMAT)
	private static final String FORMAT = "{} - {} [{}] \"{} {} {}\" {} {} {}";

	private static final String MISSING = "-";

	private final boolean enabled;

	AccessLogMasking(boolean enabled) {
		this.enabled = enabled;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		if (!this.enabled) {
			return server;
		}
		return server.accessLog(true, AccessLogMasking::entry);
	}

	private static AccessLog entry(AccessLogArgProvider args) {
		long length = args.contentLength();
		return AccessLog.create(FORMAT, address(args.remoteAddress()), (args.user() != null) ? args.user() : MISSING,
				args.zonedDateTime(), args.method(), mask(args.uri()), args.protocol(), args.status(),
				(length > -1) ? length : MISSING, args.duration());
	}

	private static String address(SocketAddress address) {
		if (address instanceof InetSocketAddress inet) {
			return inet.getHostString();
		}
		return (address != null) ? address.toString() : MISSING;
	}

	/** The URI with the value of every {@code access_token} parameter masked. */
	static String mask(CharSequence uri) {
		if (uri == null) {
			return MISSING;
		}
		String text = uri.toString();
		int query = text.indexOf('?');
		if (query < 0) {
			return text;
		}
		String parameters = Arrays.stream(text.substring(query + 1).split("&", -1))
			.map(AccessLogMasking::maskParameter)
			.collect(Collectors.joining("&"));
		return text.substring(0, query + 1) + parameters;
	}

	private static String maskParameter(String parameter) {
		int equals = parameter.indexOf('=');
		String name = (equals < 0) ? parameter : parameter.substring(0, equals);
		String decoded;
		try {
			decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			decoded = name;
		}
		if (decoded.strip().equalsIgnoreCase(CredentialsConverter.QUERY_PARAMETER)) {
			return name + "=***";
		}
		return parameter;
	}

}
