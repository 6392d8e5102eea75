package io.hubbridge.api;

import java.time.Duration;
import java.util.List;

import io.hubbridge.support.HubUser;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retried posts with an {@code Idempotency-Key} over real HTTP, with websocket users on
 * the embedded Hub and SSE subscribers counting what was really shouted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class IdempotentShoutsIntegrationTests extends RunningBridge {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void sameKeyTwiceShoutsOnceAndAnswersTheSameTwice() {
		String room = "idem-twice";
		try (HubUser alice = HubUser.join(hubUrl(), room, "alice"); SseClient subscriber = joinedStream(room)) {
			EntityExchangeResult<byte[]> first = post(room, "key-1", "robin", "only once");
			EntityExchangeResult<byte[]> second = post(room, "key-1", "robin", "only once");
			assertThat(first.getStatus().value()).isEqualTo(201);
			assertThat(second.getStatus()).isEqualTo(first.getStatus());
			assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
			assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
			assertThat(second.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
			post(room, null, "robin", "marker");
			assertShoutsSeen(alice, subscriber, "only once", "marker");
			assertThat(JSON.readTree(first.getResponseBody()).get("id").stringValue()).isNotBlank()
				.isEqualTo(JSON.readTree(second.getResponseBody()).get("id").stringValue());
		}
	}

	@Test
	void concurrentRequestsWithOneKeyShoutOnceAndGetTheOneAnswer() {
		String room = "idem-concurrent";
		try (HubUser alice = HubUser.join(hubUrl(), room, "alice"); SseClient subscriber = joinedStream(room)) {
			WebClient client = WebClient.create(base());
			List<ResponseEntity<String>> answers = Mono
				.zip(postAsync(client, room, "key-c"), postAsync(client, room, "key-c"), List::of)
				.block(Duration.ofSeconds(20));
			assertThat(answers).extracting((answer) -> answer.getStatusCode().value()).containsExactly(201, 201);
			assertThat(answers.get(0).getBody()).isEqualTo(answers.get(1).getBody());
			assertThat(answers).filteredOn((answer) -> answer.getHeaders().containsHeader("Idempotent-Replayed"))
				.hasSize(1);
			post(room, null, "robin", "marker");
			assertShoutsSeen(alice, subscriber, "together", "marker");
		}
	}

	@Test
	void sameKeyWithAnotherShoutIsRefusedAndNotShouted() {
		String room = "idem-reused";
		try (HubUser alice = HubUser.join(hubUrl(), room, "alice"); SseClient subscriber = joinedStream(room)) {
			post(room, "key-r", "robin", "the first");
			EntityExchangeResult<byte[]> reused = post(room, "key-r", "robin", "something else");
			assertThat(reused.getStatus().value()).isEqualTo(422);
			assertThat(reused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			JsonNode problem = JSON.readTree(reused.getResponseBody());
			assertThat(problem.get("type").stringValue()).isEqualTo("urn:hub-bridge:problem:idempotency-key-reused");
			assertThat(problem.get("status").intValue()).isEqualTo(422);
			assertThat(problem.get("instance").stringValue()).isEqualTo("/api/rooms/idem-reused/shouts");
			// a key is per room: the same key is new in another room
			assertThat(post("idem-reused-elsewhere", "key-r", "robin", "something else").getStatus().value())
				.isEqualTo(201);
			post(room, null, "robin", "marker");
			assertShoutsSeen(alice, subscriber, "the first", "marker");
		}
	}

	@Test
	void withoutAKeyEveryPostShouts() {
		String room = "idem-none";
		try (HubUser alice = HubUser.join(hubUrl(), room, "alice"); SseClient subscriber = joinedStream(room)) {
			EntityExchangeResult<byte[]> first = post(room, null, "robin", "twice");
			EntityExchangeResult<byte[]> second = post(room, null, "robin", "twice");
			assertThat(first.getResponseBody()).isNotEqualTo(second.getResponseBody());
			post(room, null, "robin", "marker");
			assertShoutsSeen(alice, subscriber, "twice", "twice", "marker");
		}
	}

	@Test
	void anInvalidKeyIsRefusedNamingTheHeader() {
		EntityExchangeResult<byte[]> refused = post("idem-invalid", "not a key", "robin", "hello");
		assertThat(refused.getStatus().value()).isEqualTo(400);
		JsonNode problem = JSON.readTree(refused.getResponseBody());
		assertThat(problem.get("type").stringValue()).isEqualTo("urn:hub-bridge:problem:invalid-request");
		assertThat(problem.at("/errors/0/field").stringValue()).isEqualTo("Idempotency-Key");
		assertThat(post("idem-invalid", "k".repeat(256), "robin", "hello").getStatus().value()).isEqualTo(400);
	}

	/**
	 * The shouts the Hub user and the subscriber see next are exactly these, in order.
	 */
	private static void assertShoutsSeen(HubUser user, SseClient subscriber, String... bodies) {
		for (String body : bodies) {
			assertThat(user.next("shout").at("/payload/body").stringValue()).isEqualTo(body);
			assertThat(JSON.readTree(subscriber.next("shout").data()).get("body").stringValue()).isEqualTo(body);
		}
	}

	private EntityExchangeResult<byte[]> post(String room, String key, String name, String body) {
		return this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (key != null) {
					headers.set("Idempotency-Key", key);
				}
			})
			.bodyValue(shout(name, body))
			.exchange()
			.expectBody()
			.returnResult();
	}

	private static Mono<ResponseEntity<String>> postAsync(WebClient client, String room, String key) {
		return client.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", key)
			.bodyValue(shout("robin", "together"))
			.retrieve()
			.toEntity(String.class);
	}

	private static String shout(String name, String body) {
		return "{\"name\":" + JSON.writeValueAsString(name) + ",\"body\":" + JSON.writeValueAsString(body) + "}";
	}

}
