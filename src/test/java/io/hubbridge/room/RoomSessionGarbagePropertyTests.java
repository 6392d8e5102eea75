package io.hubbridge.room;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.hubbridge.phoenix.MalformedFrameException;
import io.hubbridge.phoenix.Message;
import io.hubbridge.phoenix.Serializer;
import io.hubbridge.phoenix.V1Serializer;
import io.hubbridge.phoenix.V2Serializer;
import io.hubbridge.room.event.PresenceSnapshot;
import io.hubbridge.room.presence.Presence;
import io.hubbridge.room.presence.User;
import io.hubbridge.support.GarbageFrames;
import io.hubbridge.support.SseEvent;
import io.hubbridge.support.SseParser;
import io.hubbridge.support.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage from Hub, decoded as the upstream connection decodes it and handed to a room
 * session: no exception escapes, the subscriber's stream stays open, presence stays
 * consistent, and afterwards a real presence state, a join and a shout reach the
 * subscriber exactly.
 */
class RoomSessionGarbagePropertyTests {

	private static final String TOPIC = "room:lobby";

	@Property(tries = 150)
	void v1GarbageLeavesTheSessionUsable(@ForAll("v1Frames") List<String> frames) {
		leavesTheSessionUsable(V1Serializer.INSTANCE, frames);
	}

	@Property(tries = 150)
	void v2GarbageLeavesTheSessionUsable(@ForAll("v2Frames") List<String> frames) {
		leavesTheSessionUsable(V2Serializer.INSTANCE, frames);
	}

	private void leavesTheSessionUsable(Serializer serializer, List<String> frames) {
		RoomSession session = new RoomSession("lobby", "e1", TestProperties.bind(Map.of()).rooms(),
				new Presence((key) -> !key.equals("hub-bridge")), new SseFrames(JsonMapper.builder().build()),
				Clock.systemUTC(), () -> {
				}, new RoomMetrics(new SimpleMeterRegistry(), "lobby"));
		List<RoomEvent> received = new CopyOnWriteArrayList<>();
		AtomicReference<Throwable> ended = new AtomicReference<>();
		Disposable subscriber = session.subscribe(null, EnumSet.allOf(EventType.class))
			.subscribe(received::add, ended::set, () -> ended.set(new AssertionError("the stream completed")));
		try {
			session.upstreamConnecting(UpstreamState.CONNECTING, 1, null);
			hub(session, serializer, "presence_state", "{}");
			for (String frame : frames) {
				Message message;
				try {
					message = serializer.decode(frame);
				}
				catch (MalformedFrameException ex) {
					continue; // dropped by the connection, as UpstreamConnection does
				}
				if (message.topic().equals(TOPIC)) {
					session.upstreamMessage(message);
				}
				assertConsistent(snapshot(session));
			}
			assertThat(ended.get()).as("the subscriber's stream ended").isNull();

			int before = received.size();
			hub(session, serializer, "presence_state",
					"{\"alice\":{\"metas\":[{\"phx_ref\":\"a1\",\"typing\":false,\"username\":\"alice\"}]},"
							+ "\"bob\":{\"metas\":[{\"phx_ref\":\"b1\",\"typing\":true,\"username\":\"bob\"}]}}");
			PresenceSnapshot state = snapshot(session);
			assertThat(state.users()).extracting(User::username).containsExactly("alice", "bob");
			assertThat(state.users()).extracting(User::typing).containsExactly(false, true);
			hub(session, serializer, "presence_diff",
					"{\"joins\":{\"carol\":{\"metas\":[{\"phx_ref\":\"c1\",\"typing\":false,\"username\":\"carol\"}]}},"
							+ "\"leaves\":{}}");
			hub(session, serializer, "shout",
					"{\"body\":\"still \\\"here\\\"\\ndata: x\",\"channel\":\"lobby\",\"name\":\"sentinel\"}");
			assertThat(snapshot(session).users()).extracting(User::username).containsExactly("alice", "bob", "carol");
			List<RoomEvent> after = received.subList(before, received.size());
			assertThat(after).extracting(RoomEvent::type).endsWith(EventType.JOIN, EventType.SHOUT);
			assertThat(data(after.get(after.size() - 2))).isEqualTo("{\"room\":\"lobby\",\"username\":\"carol\"}");
			assertThat(data(after.get(after.size() - 1))).startsWith(
					"{\"room\":\"lobby\",\"name\":\"sentinel\",\"body\":\"still \\\"here\\\"\\ndata: x\",\"receivedAt\":");
			assertThat(ended.get()).as("the subscriber's stream ended").isNull();
		}
		finally {
			subscriber.dispose();
		}
	}

	private static void assertConsistent(PresenceSnapshot snapshot) {
		assertThat(snapshot.count()).isEqualTo(snapshot.users().size());
		assertThat(snapshot.users()).allSatisfy((user) -> {
			assertThat(user.username()).isNotNull();
			assertThat(user.connections()).isPositive();
		});
		assertThat(snapshot.users()).extracting(User::username).doesNotHaveDuplicates().doesNotContain("hub-bridge");
	}

	private static PresenceSnapshot snapshot(RoomSession session) {
		return session.presence().block(Duration.ofSeconds(5));
	}

	private static void hub(RoomSession session, Serializer serializer, String event, String payload) {
		String frame = (serializer == V1Serializer.INSTANCE)
				? "{\"topic\":\"room:lobby\",\"event\":\"" + event + "\",\"payload\":" + payload + ",\"ref\":null}"
				: "[null,null,\"room:lobby\",\"" + event + "\"," + payload + "]";
		session.upstreamMessage(serializer.decode(frame));
	}

	private static String data(RoomEvent event) {
		List<SseEvent> parsed = new SseParser().feed(new String(event.sse(), StandardCharsets.UTF_8));
		assertThat(parsed).hasSize(1);
		return parsed.get(0).data();
	}

	@Provide
	Arbitrary<List<String>> v1Frames() {
		return Arbitraries.oneOf(GarbageFrames.textFrames(TOPIC), GarbageFrames.v1(TOPIC).map(GarbageFrames::write))
			.list()
			.ofMaxSize(12);
	}

	@Provide
	Arbitrary<List<String>> v2Frames() {
		return Arbitraries.oneOf(GarbageFrames.textFrames(TOPIC), GarbageFrames.v2(TOPIC).map(GarbageFrames::write))
			.list()
			.ofMaxSize(12);
	}

}
