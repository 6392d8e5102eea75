package io.hubbridge.hub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.hubbridge.phoenix.Serializer.Version;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;

class RoomTopicUnitTests {

	private final AtomicLong ids = new AtomicLong();

	private final List<RoomTopic> retired = new ArrayList<>();

	private final RoomTopic topic = new RoomTopic("room:lobby", this.retired::add);

	@Test
	void sameUsernameFromTwoSocketsIsOneKeyWithMetasInJoinOrder() {
		RecordingPeer first = new RecordingPeer("first");
		RecordingPeer second = new RecordingPeer("second");
		RecordingPeer observer = new RecordingPeer("observer");
		JoinedChannel one = join(first, "robin");
		JoinedChannel two = join(second, "robin");
		String twoJoinedAs = HubPresence.phxRef(two.meta());
		this.topic.typing(two, StringNode.valueOf("2"), StringNode.valueOf("robin"), HubJson.NODES.booleanNode(true));
		join(observer, "observer");
		JsonNode metas = observer.frames().get(1).get(4).get("robin").get("metas");
		assertThat(metas).hasSize(2);
		assertThat(metas.get(0).get("phx_ref").stringValue()).isEqualTo(HubPresence.phxRef(one.meta()));
		assertThat(metas.get(1).get("phx_ref_prev").stringValue()).isEqualTo(twoJoinedAs);
		assertThat(metas.get(1).get("typing").booleanValue()).isTrue();
		this.topic.disconnect(two);
		JsonNode leave = first.frames().get(first.frames().size() - 1).get(4);
		assertThat(leave.get("leaves").get("robin").get("metas")).hasSize(1);
		assertThat(leave.get("leaves").get("robin").get("metas").get(0).get("typing").booleanValue()).isTrue();
	}

	@Test
	void theLastLeaveRetiresTheTopic() {
		RecordingPeer peer = new RecordingPeer("only");
		JoinedChannel channel = join(peer, "robin");
		this.topic.leave(channel, StringNode.valueOf("9"));
		assertThat(this.retired).containsExactly(this.topic);
		assertThat(peer.frames()).extracting((frame) -> frame.get(3).stringValue())
			.containsExactly("phx_reply", "presence_state", "presence_diff", "phx_reply", "phx_close");
		assertThat(join(new RecordingPeer("late"), "late")).isNull();
	}

	@Test
	void aUsernameThatCannotBeAKeyJoinsWithoutPresence() {
		RecordingPeer peer = new RecordingPeer("object");
		join(peer, HubJson.parse("{\"a\":1}"));
		assertThat(peer.frames()).extracting((frame) -> frame.get(3).stringValue())
			.containsExactly("phx_reply", "presence_state");
	}

	private JoinedChannel join(RecordingPeer peer, String username) {
		return join(peer, StringNode.valueOf(username));
	}

	private JoinedChannel join(RecordingPeer peer, JsonNode username) {
		JoinedChannel channel = new JoinedChannel(this.ids.incrementAndGet(), peer, this.topic, StringNode.valueOf("1"),
				HubJson.elixirToString(username).orElse(null),
				HubPresence.meta(null, HubJson.NODES.booleanNode(false), username));
		return this.topic.join(channel, null) ? channel : null;
	}

	private record RecordingPeer(String id, List<JsonNode> frames) implements ChannelPeer {

		RecordingPeer(String id) {
			this(id, new ArrayList<>());
		}

		@Override
		public void push(ServerFrame frame) {
			this.frames.add(HubJson.parse(new String(frame.encoded(Version.V2), StandardCharsets.UTF_8)));
		}

	}

}
