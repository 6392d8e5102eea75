package io.hubbridge.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class HubFramesUnitTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theJoinAndTheHeartbeatAreV1FramesHubAccepts() {
		JsonNode join = JSON.readTree(HubFrames.join("bench-1", "bench-subscriber-7", "join"));
		assertThat(join.path("topic").stringValue()).isEqualTo("room:bench-1");
		assertThat(join.path("event").stringValue()).isEqualTo("phx_join");
		assertThat(join.at("/payload/username").stringValue()).isEqualTo("bench-subscriber-7");
		assertThat(join.path("ref").stringValue()).isEqualTo("join");
		JsonNode heartbeat = JSON.readTree(HubFrames.heartbeat());
		assertThat(heartbeat.path("topic").stringValue()).isEqualTo("phoenix");
		assertThat(heartbeat.path("event").stringValue()).isEqualTo("heartbeat");
		assertThat(heartbeat.path("payload").isObject()).isTrue();
	}

	@Test
	void aFramesEventIsItsFirstEventKeyWhichHubWritesAheadOfThePayload() {
		String shout = "{\"event\":\"shout\",\"payload\":{\"body\":\"12 3456\",\"channel\":\"r\",\"event\":\"x\","
				+ "\"name\":\"bench\"},\"ref\":null,\"topic\":\"room:r\"}";
		assertThat(HubFrames.event(shout)).isEqualTo("shout");
		assertThat(HubFrames.event("{\"event\":\"presence_diff\",\"payload\":{\"joins\":{},\"leaves\":{}},"
				+ "\"ref\":null,\"topic\":\"room:r\"}"))
			.isEqualTo("presence_diff");
		assertThat(HubFrames.event("not a frame")).isEqualTo(HubFrames.NONE);
		assertThat(HubFrames.event("{\"event\":\"cut")).isEqualTo(HubFrames.NONE);
	}

	@Test
	void theShoutsSequenceAndSendTimeAreReadFromTheWholeFrame() {
		String frame = "{\"event\":\"shout\",\"payload\":{\"body\":\"" + ShoutBody.format(5, 777, 0)
				+ "\",\"channel\":\"r\",\"name\":\"bench\"},\"ref\":null,\"topic\":\"room:r\"}";
		assertThat(ShoutBody.sequence(frame)).isEqualTo(5);
		assertThat(ShoutBody.sentNanos(frame)).isEqualTo(777);
	}

	@Test
	void onlyAReplyToTheGivenRefAnswersWhetherItIsOk() {
		String ok = "{\"event\":\"phx_reply\",\"payload\":{\"response\":{},\"status\":\"ok\"},\"ref\":\"join\","
				+ "\"topic\":\"room:r\"}";
		String refused = "{\"event\":\"phx_reply\",\"payload\":{\"response\":{\"reason\":\"join crashed\"},"
				+ "\"status\":\"error\"},\"ref\":\"join\",\"topic\":\"room:r\"}";
		String heartbeatReply = "{\"event\":\"phx_reply\",\"payload\":{\"response\":{},\"status\":\"ok\"},"
				+ "\"ref\":\"hb\",\"topic\":\"phoenix\"}";
		assertThat(HubFrames.replyOk(ok, "join")).isTrue();
		assertThat(HubFrames.replyOk(refused, "join")).isFalse();
		assertThat(HubFrames.replyOk(heartbeatReply, "join")).isNull();
		assertThat(HubFrames.replyOk("{\"event\":\"shout\",\"payload\":{},\"ref\":\"join\"}", "join")).isNull();
	}

}
