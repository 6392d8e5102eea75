package io.hubbridge.api;

import java.time.Duration;
import java.util.List;

import io.hubbridge.client.ApiClient;
import io.hubbridge.client.ApiException;
import io.hubbridge.client.ApiResponse;
import io.hubbridge.client.api.PresenceApi;
import io.hubbridge.client.api.RoomsApi;
import io.hubbridge.client.api.ShoutsApi;
import io.hubbridge.client.model.PresenceSnapshot;
import io.hubbridge.client.model.Problem;
import io.hubbridge.client.model.RecentShout;
import io.hubbridge.client.model.RoomInfo;
import io.hubbridge.client.model.ShoutReceipt;
import io.hubbridge.client.model.ShoutRequest;
import io.hubbridge.client.model.User;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Java client that openapi-generator makes from the committed OpenAPI document
 * ({@code target/generated-test-sources/openapi}, package {@code io.hubbridge.client})
 * works against a running bridge: every call here goes through it alone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class GeneratedClientIntegrationTests extends RunningBridge {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private ShoutsApi shouts;

	private PresenceApi presence;

	private RoomsApi rooms;

	private ApiClient client;

	@BeforeEach
	void generatedClient() {
		this.client = new ApiClient();
		this.client.updateBaseUri(base());
		this.client.setConnectTimeout(WAIT);
		this.client.setReadTimeout(WAIT);
		this.shouts = new ShoutsApi(this.client);
		this.presence = new PresenceApi(this.client);
		this.rooms = new RoomsApi(this.client);
	}

	@Test
	void postsAShoutThatHubBroadcastAndReadsItBackAmongTheRecentShouts() throws ApiException {
		ApiResponse<ShoutReceipt> posted = this.shouts.postWithHttpInfo("generated-post",
				new ShoutRequest().name("robin").body("hello from the generated client"), null);
		assertThat(posted.getStatusCode()).isEqualTo(201);
		ShoutReceipt receipt = posted.getData();
		assertThat(receipt.getRoom()).isEqualTo("generated-post");
		assertThat(receipt.getStatus()).isEqualTo(ShoutReceipt.StatusEnum.CONFIRMED);
		assertThat(receipt.getId()).matches("[0-9a-z]+-[0-9]+");
		List<RecentShout> recent = this.shouts.recent("generated-post", 10);
		assertThat(recent).last().satisfies((shout) -> {
			assertThat(shout.getId()).isEqualTo(receipt.getId());
			assertThat(shout.getShout().getName()).isEqualTo("robin");
			assertThat(shout.getShout().getBody()).isEqualTo("hello from the generated client");
			assertThat(shout.getShout().getReceivedAt()).isNotNull();
		});
	}

	@Test
	void retriedPostWithAnIdempotencyKeyGetsTheFirstAnswer() throws ApiException {
		ShoutRequest shout = new ShoutRequest().name("robin").body("exactly once");
		ShoutReceipt first = this.shouts.post("generated-idempotent", shout, "generated-client-key-1");
		ApiResponse<ShoutReceipt> retried = this.shouts.postWithHttpInfo("generated-idempotent", shout,
				"generated-client-key-1");
		assertThat(retried.getData().getId()).isEqualTo(first.getId());
		assertThat(retried.getHeaders().get("Idempotent-Replayed")).containsExactly("true");
	}

	@Test
	void readsWhoIsPresent() {
		try (HubUser ada = HubUser.join(hubUrl(), "generated-presence", "ada")) {
			await().atMost(WAIT).untilAsserted(() -> {
				PresenceSnapshot snapshot = this.presence.presence("generated-presence");
				assertThat(snapshot.getUpstream()).isEqualTo("joined");
				assertThat(snapshot.getUsers()).extracting(User::getUsername).containsExactly("ada");
				assertThat(snapshot.getCount()).isEqualTo(1);
				assertThat(snapshot.getLastEventId()).matches("[0-9a-z]+-[0-9]+");
			});
		}
	}

	@Test
	void listsTheOpenRoomsAndReadsOne() throws ApiException {
		this.presence.presence("generated-rooms");
		List<RoomInfo> open = this.rooms.callList();
		assertThat(open).extracting(RoomInfo::getRoom).contains("generated-rooms");
		RoomInfo room = this.rooms.room("generated-rooms");
		assertThat(room.getRoom()).isEqualTo("generated-rooms");
		assertThat(room.getUpstream()).isEqualTo("joined");
		assertThat(room.getOpenedAt()).isNotNull();
		assertThat(room.getLastEventId()).matches("[0-9a-z]+-[0-9]+");
	}

	@Test
	void refusedShoutIsAnApiExceptionWhoseBodyIsTheProblem() throws Exception {
		ApiException refused = catchThrowableOfType(ApiException.class, () -> this.shouts.post("generated-refused",
				new ShoutRequest().name("robin").body("bell \u0007"), null));
		assertThat(refused.getCode()).isEqualTo(400);
		assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
		Problem problem = problem(refused);
		assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_HUB_BRIDGE_PROBLEM_INVALID_REQUEST);
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getField()).isEqualTo("body");
			assertThat(error.getDetail()).contains("U+0007");
		});
	}

	@Test
	void roomThatIsNotOpenIsANotFoundProblem() throws Exception {
		ApiException notOpen = catchThrowableOfType(ApiException.class, () -> this.rooms.room("generated-never-open"));
		assertThat(notOpen.getCode()).isEqualTo(404);
		assertThat(problem(notOpen).getType()).isEqualTo(Problem.TypeEnum.URN_HUB_BRIDGE_PROBLEM_ROOM_NOT_OPEN);
	}

	@Test
	void invalidRoomNameIsAProblemTooWhateverTheClientEncodes() throws Exception {
		ApiException invalid = catchThrowableOfType(ApiException.class, () -> this.presence.presence("no spaces"));
		assertThat(invalid.getCode()).isEqualTo(400);
		assertThat(problem(invalid).getErrors()).extracting((error) -> error.getField()).containsExactly("room");
	}

	private Problem problem(ApiException ex) throws Exception {
		return this.client.getObjectMapper().readValue(ex.getResponseBody(), Problem.class);
	}

}
