package io.hubbridge.api;

import java.util.Map;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.support.TestProperties;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which posts of shouts the route serves, and which it leaves to Spring. */
class PlainShoutRequestsUnitTests {

	private static final String SHOUTS = "/api/rooms/lobby/shouts";

	private final PlainShoutRequests defaults = requests(Map.of(), false);

	@Test
	void takesAPlainJsonPostWithItsRoomAndIdempotencyKey() {
		PlainShoutRequests.ShoutPostRequest asked = this.defaults.parse(HttpMethod.POST,
				"/api/rooms/lob%62y/shouts?ignored=1", json("24").add("Idempotency-Key", "key-1"));
		assertThat(asked).isNotNull();
		assertThat(asked.room()).isEqualTo("lobby");
		assertThat(asked.path()).isEqualTo("/api/rooms/lob%62y/shouts");
		assertThat(asked.idempotencyKey()).isEqualTo("key-1");
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("0"))).extracting("idempotencyKey").isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS,
				json("24").set("Content-Type", "application/json; charset=UTF-8")))
			.isNotNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("24").add("Accept", "application/*"))).isNotNull();
	}

	@Test
	void leavesOtherMethodsAndPathsToSpring() {
		assertThat(this.defaults.parse(HttpMethod.GET, SHOUTS, json("24"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.PUT, SHOUTS, json("24"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, "/api/rooms/lobby/events", json("24"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, "/api/rooms//shouts", json("24"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, "/api/rooms/lobby/shouts/", json("24"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, "http://host/api/rooms/lobby/shouts", json("24"))).isNull();
	}

	@Test
	void leavesHeadersToRefuseToSpringWhichSaysWhy() {
		assertThat(this.defaults.parse(HttpMethod.POST, "/api/rooms/bad%20room/shouts", json("24"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, "/api/rooms/lob%ZZby/shouts", json("24"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("24").add("Idempotency-Key", "with space")))
			.isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS,
				json("24").add("Idempotency-Key", "a").add("Idempotency-Key", "b")))
			.as("a key given twice, which Spring joins")
			.isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("24").set("Content-Type", "text/plain"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("24").set("Content-Type", "not a type"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, new DefaultHttpHeaders().add("Content-Length", "24")))
			.as("no content type")
			.isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("24").add("Accept", "text/event-stream")))
			.isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("24").add("Accept", "application/problem+json")))
			.isNull();
	}

	@Test
	void leavesBodiesItCannotMeasureFirstToSpring() {
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS,
				new DefaultHttpHeaders().add("Content-Type", "application/json")))
			.as("no Content-Length")
			.isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("24").add("Transfer-Encoding", "chunked")))
			.isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("1048577"))).as("over 1 MB").isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("1048576"))).isNotNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("-1"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("twelve"))).isNull();
	}

	@Test
	void leavesCrossOriginPostsToSpringOnlyWhenCorsIsConfigured() {
		assertThat(this.defaults.parse(HttpMethod.POST, SHOUTS, json("24").add("Origin", "https://chat.example.com")))
			.isNotNull();
		PlainShoutRequests withCors = requests(Map.of("bridge.cors.allowed-origins", "https://chat.example.com"),
				false);
		assertThat(withCors.parse(HttpMethod.POST, SHOUTS, json("24").add("Origin", "https://chat.example.com")))
			.isNull();
		assertThat(withCors.parse(HttpMethod.POST, SHOUTS, json("24"))).isNotNull();
	}

	@Test
	void takesNoneWhenSecurityIsOnOrSpringAppliesForwardedHeaders() {
		assertThat(requests(Map.of("bridge.security.writes", "authenticated"), false).parse(HttpMethod.POST, SHOUTS,
				json("24")))
			.isNull();
		assertThat(requests(Map.of("bridge.security.reads", "authenticated"), false).parse(HttpMethod.POST, SHOUTS,
				json("24")))
			.isNull();
		assertThat(requests(Map.of(), true).parse(HttpMethod.POST, SHOUTS, json("24"))).isNull();
	}

	private static HttpHeaders json(String length) {
		return new DefaultHttpHeaders().add("Content-Type", "application/json").add("Content-Length", length);
	}

	private static PlainShoutRequests requests(Map<String, String> overrides, boolean springForwardsHeaders) {
		BridgeProperties properties = TestProperties.bind(overrides);
		return new PlainShoutRequests(new InputRules(properties), properties, springForwardsHeaders);
	}

}
