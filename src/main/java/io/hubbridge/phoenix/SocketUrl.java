package io.hubbridge.phoenix;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Phoenix socket URLs: socket params added to the query, as the Phoenix JS client sends
 * them, and the same URL fit for logs, with every query value but {@code vsn} and any
 * password masked.
 */
public final class SocketUrl {

	/** What stands for a masked value. */
	public static final String MASK = "****";

	private SocketUrl() {
	}

	/**
	 * The socket URL with the params appended to its query (form-encoded, in key order),
	 * after any query it already has; the same URL when there are none.
	 */
	public static URI withParams(URI socketUrl, Map<String, String> params) {
		if (params.isEmpty()) {
			return socketUrl;
		}
		StringBuilder query = new StringBuilder();
		new TreeMap<>(params).forEach((name, value) -> {
			query.append((query.length() > 0) ? "&" : "");
			query.append(encode(name)).append('=').append(encode(value));
		});
		String url = socketUrl.toString();
		String fragment = "";
		int hash = url.indexOf('#');
		if (hash >= 0) {
			fragment = url.substring(hash);
			url = url.substring(0, hash);
		}
		String separator = (socketUrl.getRawQuery() != null) ? "&" : "?";
		return URI.create(url + separator + query + fragment);
	}

	/**
	 * The URL as it may be logged or shown: each query parameter's value masked but
	 * {@code vsn}'s (a bare entry is masked whole), the password of any user info masked,
	 * no fragment.
	 */
	public static String redacted(URI url) {
		StringBuilder text = new StringBuilder();
		if (url.getScheme() != null) {
			text.append(url.getScheme()).append(':');
		}
		String authority = url.getRawAuthority();
		if (authority != null) {
			text.append("//");
			int at = authority.lastIndexOf('@');
			if (at >= 0) {
				String userInfo = authority.substring(0, at);
				int colon = userInfo.indexOf(':');
				text.append((colon >= 0) ? userInfo.substring(0, colon) + ":" + MASK : userInfo).append('@');
			}
			text.append(authority.substring(at + 1));
		}
		if (url.getRawPath() != null) {
			text.append(url.getRawPath());
		}
		if (url.getRawQuery() != null) {
			text.append('?').append(redactedQuery(url.getRawQuery()));
		}
		return text.toString();
	}

	private static String redactedQuery(String query) {
		StringBuilder redacted = new StringBuilder();
		for (String pair : query.split("&", -1)) {
			if (redacted.length() > 0) {
				redacted.append('&');
			}
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : "";
			if (equals < 0) {
				// a bare entry may be a token on its own
				redacted.append(MASK);
			}
			else if ("vsn".equals(name)) {
				redacted.append(pair);
			}
			else {
				redacted.append(name).append('=').append(MASK);
			}
		}
		return redacted.toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
