package io.hubbridge.api;

import java.util.Map;

import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.EventType;
import io.hubbridge.support.TestProperties;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which stream requests the route serves, and which it leaves to Spring. */
class PlainStreamRequestsUnitTests {

	private final PlainStreamRequests defaults = requests(Map.of(), false);

	@Test
	void takesAPlainStreamRequestWithWhatItAsksFor() {
		PlainStreamRequests.StreamRequest asked = this.defaults.parse(HttpMethod.GET,
				"/api/rooms/lob%62y/events?types=shout,typing&last_event_id=abc-3", new DefaultHttpHeaders());
		assertThat(asked).isNotNull();
		assertThat(asked.room()).isEqualTo("lobby");
		assertThat(asked.path()).isEqualTo("/api/rooms/lob%62y/events");
		assertThat(asked.wanted()).isEqualTo(EventType.parseList("shout,typing"))
			.contains(EventType.SHOUT, EventType.TYPING)
			.doesNotContain(EventType.JOIN);
		assertThat(asked.lastEventId()).isEqualTo("abc-3");
	}

	@Test
	void theLastEventIdHeaderComesBeforeTheQueryParameter() {
		HttpHeaders headers = new DefaultHttpHeaders().add("Last-Event-ID", "abc-9");
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/lobby/events?last_event_id=abc-3", headers))
			.extracting(PlainStreamRequests.StreamRequest::lastEventId)
			.isEqualTo("abc-9");
	}

	@Test
	void aParameterGivenTwiceIsJoinedAsSpringBindsIt() {
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/lobby/events?types=shout&types=join",
				new DefaultHttpHeaders()))
			.extracting(PlainStreamRequests.StreamRequest::wanted)
			.isEqualTo(EventType.parseList("shout,join"));
	}

	@Test
	void leavesOtherMethodsAndPathsToSpring() {
		HttpHeaders none = new DefaultHttpHeaders();
		assertThat(this.defaults.parse(HttpMethod.HEAD, "/api/rooms/lobby/events", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.POST, "/api/rooms/lobby/events", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/lobby/shouts", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms//events", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/a/b/events", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/lobby/events/", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, "http://host/api/rooms/lobby/events", none)).isNull();
	}

	@Test
	void leavesRequestsToRefuseToSpringWhichSaysWhy() {
		HttpHeaders none = new DefaultHttpHeaders();
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/bad%20room/events", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/a%2Fb/events", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/lob%ZZby/events", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/lobby/events?types=nonsense", none)).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/lobby/events?types=%ZZ", none)).isNull();
	}

	@Test
	void leavesRequestsWithABodyOrThatDoNotAcceptAnEventStreamToSpring() {
		String stream = "/api/rooms/lobby/events";
		assertThat(this.defaults.parse(HttpMethod.GET, stream, new DefaultHttpHeaders().add("Content-Length", "3")))
			.isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, stream,
				new DefaultHttpHeaders().add("Transfer-Encoding", "chunked")))
			.isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, stream, accept("application/json"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, stream, accept("not a media type"))).isNull();
		assertThat(this.defaults.parse(HttpMethod.GET, stream, new DefaultHttpHeaders().add("Content-Length", "0")))
			.isNotNull();
		assertThat(this.defaults.parse(HttpMethod.GET, stream, accept("text/event-stream"))).isNotNull();
		assertThat(this.defaults.parse(HttpMethod.GET, stream, accept("text/*"))).isNotNull();
		assertThat(this.defaults.parse(HttpMethod.GET, stream, accept("application/json, */*;q=0.1"))).isNotNull();
	}

	@Test
	void leavesCrossOriginRequestsToSpringOnlyWhenCorsIsConfigured() {
		HttpHeaders fromAPage = new DefaultHttpHeaders().add("Origin", "https://chat.example.com");
		assertThat(this.defaults.parse(HttpMethod.GET, "/api/rooms/lobby/events", fromAPage)).isNotNull();
		PlainStreamRequests withCors = requests(Map.of("bridge.cors.allowed-origins", "https://chat.example.com"),
				false);
		assertThat(withCors.parse(HttpMethod.GET, "/api/rooms/lobby/events", fromAPage)).isNull();
		assertThat(withCors.parse(HttpMethod.GET, "/api/rooms/lobby/events", new DefaultHttpHeaders())).isNotNull();
	}

	@Test
	void leavesRequestsWithCredentialsToSpringWhenSecurityIsOn() {
		PlainStreamRequests secured = requests(Map.of("bridge.security.writes", "authenticated"), false);
		String stream = "/api/rooms/lobby/events";
		assertThat(secured.parse(HttpMethod.GET, stream, new DefaultHttpHeaders())).isNotNull();
		assertThat(secured.parse(HttpMethod.GET, stream, new DefaultHttpHeaders().add("Authorization", "Bearer x")))
			.isNull();
		assertThat(secured.parse(HttpMethod.GET, stream, new DefaultHttpHeaders().add("X-API-Key", "x"))).isNull();
		assertThat(secured.parse(HttpMethod.GET, stream + "?access_token=x", new DefaultHttpHeaders())).isNull();
		assertThat(secured.parse(HttpMethod.GET, stream, new DefaultHttpHeaders().add("Cookie", "hub_bridge_token=x")))
			.isNull();
		assertThat(secured.parse(HttpMethod.GET, stream, new DefaultHttpHeaders().add("Cookie", "theme=dark")))
			.isNotNull();
		assertThat(this.defaults.parse(HttpMethod.GET, stream, new DefaultHttpHeaders().add("X-API-Key", "x")))
			.as("credentials mean nothing while security is off")
			.isNotNull();
	}

	@Test
	void takesNoneWhenReadsNeedCredentialsOrSpringAppliesForwardedHeaders() {
		PlainStreamRequests readsSecured = requests(Map.of("bridge.security.reads", "authenticated"), false);
		assertThat(readsSecured.parse(HttpMethod.GET, "/api/rooms/lobby/events", new DefaultHttpHeaders())).isNull();
		PlainStreamRequests forwardedBySpring = requests(Map.of(), true);
		assertThat(forwardedBySpring.parse(HttpMethod.GET, "/api/rooms/lobby/events", new DefaultHttpHeaders()))
			.isNull();
	}

	private static HttpHeaders accept(String accept) {
		return new DefaultHttpHeaders().add("Accept", accept);
	}

	private static PlainStreamRequests requests(Map<String, String> overrides, boolean springForwardsHeaders) {
		BridgeProperties properties = TestProperties.bind(overrides);
		EventStreams streams = new EventStreams(null, new KeepAlive(properties), new InputRules(properties),
				properties);
		return new PlainStreamRequests(streams, properties, springForwardsHeaders);
	}

}
