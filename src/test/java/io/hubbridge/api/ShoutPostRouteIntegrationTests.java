package io.hubbridge.api;

import io.hubbridge.support.HubUser;
import io.hubbridge.support.RunningBridge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain posts of shouts are served by the route, without passing through Spring's web
 * stack, with the same answers, problems and meters; what the route leaves to Spring
 * still gets its answer there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
@Import(SeenBySpring.class)
class ShoutPostRouteIntegrationTests extends RunningBridge {

	@Autowired
	SeenBySpring seenBySpring;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void forget() {
		this.seenBySpring.paths.clear();
	}

	@Test
	void aPlainPostIsServedWithoutSpringsWebStackAndShoutedOnHub() {
		String room = "routed-post";
		long confirmedBefore = posted("confirmed");
		try (HubUser alice = HubUser.join(hubUrl(), room, "alice")) {
			this.http.post()
				.uri("/api/rooms/{room}/shouts", room)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"name\":\"robin\",\"body\":\"through the route\"}")
				.exchange()
				.expectStatus()
				.isCreated()
				.expectHeader()
				.contentType(MediaType.APPLICATION_JSON)
				.expectBody()
				.jsonPath("$.room")
				.isEqualTo(room)
				.jsonPath("$.status")
				.isEqualTo("confirmed")
				.jsonPath("$.id")
				.isNotEmpty();
			assertThat(
					alice.next("shout", (frame) -> frame.at("/payload/body").asString("").equals("through the route"))
						.at("/payload/name")
						.asString(""))
				.isEqualTo("robin");
		}
		assertThat(posted("confirmed")).isEqualTo(confirmedBefore + 1);
		assertThat(this.seenBySpring.paths).doesNotContain("/api/rooms/routed-post/shouts");
	}

	@Test
	void aBodyToRefuseGetsItsProblemFromTheRouteWithNothingShouted() {
		long refusedBefore = posted("refused");
		this.http.post()
			.uri("/api/rooms/routed-refusal/shouts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":7}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:wrong-type")
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.instance")
			.isEqualTo("/api/rooms/routed-refusal/shouts")
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");
		assertThat(this.seenBySpring.paths).doesNotContain("/api/rooms/routed-refusal/shouts");
		assertThat(posted("refused")).as("refused before posting: not a post").isEqualTo(refusedBefore);
	}

	@Test
	void aPostTheRouteLeavesToSpringIsAnsweredThere() {
		this.http.post()
			.uri("/api/rooms/left-post/shouts")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("robin: hello")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:hub-bridge:problem:unsupported-media-type");
		this.http.post()
			.uri("/api/rooms/left-post/shouts")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "has space")
			.bodyValue("{\"name\":\"robin\",\"body\":\"hello\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("Idempotency-Key");
		assertThat(this.seenBySpring.paths).containsExactly("/api/rooms/left-post/shouts",
				"/api/rooms/left-post/shouts");
	}

	private long posted(String outcome) {
		Timer timer = this.meters.find(ShoutPosting.POSTED).tag("outcome", outcome).timer();
		return (timer != null) ? timer.count() : 0;
	}

}
