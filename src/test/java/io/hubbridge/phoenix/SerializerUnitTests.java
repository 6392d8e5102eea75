package io.hubbridge.phoenix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import io.hubbridge.phoenix.Serializer.Version;
import io.hubbridge.phoenix.TranscriptFrames.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link V1Serializer} and {@link V2Serializer} against every frame Hub was seen to send
 * or accept, the frames of the seed document, and malformed input.
 */
class SerializerUnitTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<Frame> transcriptFrames = TranscriptFrames.all();

	static Stream<Frame> framesPhoenixAccepted() {
		return transcriptFrames.stream()
			.filter((frame) -> !frame.refusedByPhoenix() && !hasNonStringTopicOrEvent(frame));
	}

	static Stream<Frame> framesPhoenixRefused() {
		return transcriptFrames.stream().filter(Frame::refusedByPhoenix);
	}

	/**
	 * Phoenix accepts a number as topic (and answers "unmatched topic"); the bridge,
	 * which never sends one, refuses such frames like any other malformed frame.
	 */
	static Stream<Frame> framesWithNonStringTopic() {
		return transcriptFrames.stream()
			.filter((frame) -> !frame.refusedByPhoenix())
			.filter(SerializerUnitTests::hasNonStringTopicOrEvent);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("framesPhoenixAccepted")
	void decodesEveryTranscriptFramePhoenixAcceptedAndEncodesItBack(Frame frame) {
		Serializer serializer = frame.serializer();
		Message message = serializer.decode(frame.text());
		JsonNode wire = json.readTree(frame.text());
		assertThat(message).isEqualTo(expectedMessage(frame.version(), wire));
		String encoded = serializer.encode(message);
		assertThat(json.readTree(encoded)).isEqualTo(canonicalFrame(frame.version(), wire));
		assertThat(serializer.decode(encoded)).isEqualTo(message);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("framesPhoenixRefused")
	void refusesEveryTranscriptFramePhoenixClosedTheSocketFor(Frame frame) {
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> frame.serializer().decode(frame.text()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("framesWithNonStringTopic")
	void refusesTranscriptFramesWithANumberAsTopic(Frame frame) {
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> frame.serializer().decode(frame.text()))
			.withMessageContaining("topic");
	}

	@Test
	void transcriptsHoldBothSerializersBothDirectionsAndTheFramesPhoenixRefused() {
		assertThat(transcriptFrames).hasSizeGreaterThan(400);
		for (Version version : Version.values()) {
			assertThat(transcriptFrames).filteredOn((frame) -> frame.version() == version)
				.anyMatch(Frame::fromClient)
				.anyMatch((frame) -> !frame.fromClient());
		}
		assertThat(framesPhoenixRefused().map(Frame::text)).containsExactlyInAnyOrder("hello",
				"[\"1\",\"2\",\"room:lobby\"]",
				"{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\"2\"}",
				"{\"topic\":\"room:lobby\",\"event\":\"shout\"}", "[null,\"2\",\"phoenix\",\"heartbeat\",{}]", "42",
				new String(new byte[] { 0, 1, 2, (byte) 0xff, (byte) 0xfe }, StandardCharsets.UTF_8), "");
		assertThat(framesWithNonStringTopic()).hasSize(2);
	}

	@Test
	void decodesTheSeedDocumentsJoin() {
		Message join = V1Serializer.INSTANCE.decode("""
				{"topic": "room:lobby", "event": "phx_join", "payload": {"username": "robin"}, "ref": null}
				""");
		assertThat(join).isEqualTo(new Message(null, null, "room:lobby", Message.JOIN, object("username", "robin")));
		assertRoundTrips(join);
	}

	@Test
	void decodesTheSeedDocumentsJoinReply() {
		Message reply = V1Serializer.INSTANCE.decode("""
				{"topic": "room:lobby", "event": "phx_reply", "payload": {"response": {}, "status": "ok"}, "ref": null}
				""");
		assertThat(reply.isReply()).isTrue();
		assertThat(reply.replyStatus()).isEqualTo(Message.STATUS_OK);
		assertThat(reply.replyResponse()).isEqualTo(JsonNodeFactory.instance.objectNode());
		assertThat(reply.ref()).isNull();
		assertThat(reply.topic()).isEqualTo("room:lobby");
		assertRoundTrips(reply);
	}

	@Test
	void decodesTheSeedDocumentsPresenceState() {
		Message state = V1Serializer.INSTANCE.decode("""
				{"topic": "room:lobby", "event": "presence_state", "payload": {
				  "robin": {"metas": [{"phx_ref": "cSvOUT1SLRM=", "phx_ref_prev": "QIy9RaBWFhE=",
				    "typing": false, "username": "robin"}]},
				  "robin2": {"metas": [{"phx_ref": "ya1DVM0S290=", "typing": false, "username": "robin2"}]}
				}}
				""");
		assertThat(state.event()).isEqualTo("presence_state");
		assertThat(state.ref()).isNull();
		assertThat(state.joinRef()).isNull();
		assertThat(state.payload().propertyNames()).containsExactly("robin", "robin2");
		assertThat(state.payload().at("/robin/metas/0/phx_ref_prev").stringValue()).isEqualTo("QIy9RaBWFhE=");
		assertThat(state.payload().at("/robin2/metas/0/typing").booleanValue()).isFalse();
		assertRoundTrips(state);
	}

	@Test
	void decodesTheSeedDocumentsShout() {
		// as the seed document shows it received: no ref at all
		Message shout = V1Serializer.INSTANCE
			.decode("""
					{"topic": "room:chat", "event": "shout", "payload": {"body": "hey", "channel": "lobby", "name": "robin"}}
					""");
		assertThat(shout).isEqualTo(new Message(null, null, "room:chat", "shout",
				object("body", "hey", "channel", "lobby", "name", "robin")));
		assertRoundTrips(shout);
	}

	@Test
	void decodesTheSeedDocumentsShoutToSend() {
		Message shout = V1Serializer.INSTANCE.decode("""
				{"topic": "room:lobby", "event": "shout",
				 "payload": {"body": "hello world", "channel": "lobby", "name": "robin"}, "ref": null}
				""");
		assertThat(shout.payload()).isEqualTo(object("body", "hello world", "channel", "lobby", "name", "robin"));
		assertRoundTrips(shout);
	}

	@Test
	void decodesTheSeedDocumentsPresenceDiffOfAJoin() {
		Message diff = V1Serializer.INSTANCE.decode("""
				{"topic": "room:lobby", "event": "presence_diff", "payload": {
				  "joins": {"robin": {"metas": [{"phx_ref": "3739c+OnWg4=", "typing": false, "username": "robin"}]}},
				  "leaves": {}
				}}
				""");
		assertThat(diff.event()).isEqualTo("presence_diff");
		assertThat(diff.payload().get("joins").propertyNames()).containsExactly("robin");
		assertThat(diff.payload().get("leaves").isEmpty()).isTrue();
		assertRoundTrips(diff);
	}

	@Test
	void decodesTheSeedDocumentsPresenceDiffOfALeave() {
		Message diff = V1Serializer.INSTANCE.decode("""
				{"topic": "room:lobby", "event": "presence_diff", "payload": {
				  "joins": {},
				  "leaves": {"robin": {"metas": [{"phx_ref": "3739c+OnWg4=", "typing": false, "username": "robin"}]}}
				}}
				""");
		assertThat(diff.payload().get("joins").isEmpty()).isTrue();
		assertThat(diff.payload().at("/leaves/robin/metas/0/phx_ref").stringValue()).isEqualTo("3739c+OnWg4=");
		assertRoundTrips(diff);
	}

	@Test
	void decodesTheSeedDocumentsPresenceDiffOfTyping() {
		Message diff = V1Serializer.INSTANCE.decode("""
				{"topic": "room:lobby", "event": "presence_diff", "payload": {
				  "joins": {"robin": {"metas": [{"phx_ref": "hFTdWydp4YA", "typing": true, "username": "robin"}]}},
				  "leaves": {"robin": {"metas": [{"phx_ref": "3739c+OnWg4=", "typing": false, "username": "robin"}]}}
				}}
				""");
		assertThat(diff.payload().at("/joins/robin/metas/0/typing").booleanValue()).isTrue();
		assertThat(diff.payload().at("/leaves/robin/metas/0/typing").booleanValue()).isFalse();
		assertRoundTrips(diff);
	}

	@Test
	void encodesV1AsAnObjectWithJoinRefOnlyWhenPresent() {
		assertThat(V1Serializer.INSTANCE.encode(Message.heartbeat("7")))
			.isEqualTo("{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\"7\"}");
		assertThat(V1Serializer.INSTANCE.encode(new Message("1", "3", "room:lobby", "shout", object("body", "hi"))))
			.isEqualTo(
					"{\"topic\":\"room:lobby\",\"event\":\"shout\",\"payload\":{\"body\":\"hi\"},\"ref\":\"3\",\"join_ref\":\"1\"}");
		assertThat(V1Serializer.INSTANCE.vsn()).isEqualTo("1.0.0");
	}

	@Test
	void encodesV2AsAnArrayWithNullRefs() {
		assertThat(V2Serializer.INSTANCE.encode(Message.heartbeat("7")))
			.isEqualTo("[null,\"7\",\"phoenix\",\"heartbeat\",{}]");
		assertThat(V2Serializer.INSTANCE.encode(new Message("1", "3", "room:lobby", "shout", object("body", "hi"))))
			.isEqualTo("[\"1\",\"3\",\"room:lobby\",\"shout\",{\"body\":\"hi\"}]");
		assertThat(V2Serializer.INSTANCE.vsn()).isEqualTo("2.0.0");
	}

	@Test
	void keepsUnicodeQuotesAndNulInPayloads() {
		Message message = new Message("1", "2", "room:lobby", "shout",
				object("body", "rób\"in 'q' \\back\\ </script> \u0000 🚀 日本語"));
		for (Version version : Version.values()) {
			Serializer serializer = Serializer.forVersion(version);
			assertThat(serializer.decode(serializer.encode(message))).isEqualTo(message);
		}
	}

	@Test
	void decodesV2WithExtraTrailingElements() {
		Message heartbeat = V2Serializer.INSTANCE.decode("[null,\"2\",\"phoenix\",\"heartbeat\",{},\"extra\",[1]]");
		assertThat(heartbeat).isEqualTo(Message.heartbeat("2"));
	}

	@Test
	void decodesAnyJsonValueAsPayload() {
		assertThat(
				V2Serializer.INSTANCE.decode("[\"1\",\"2\",\"room:lobby\",\"shout\",\"hi\"]").payload().stringValue())
			.isEqualTo("hi");
		assertThat(V1Serializer.INSTANCE
			.decode("{\"topic\":\"room:lobby\",\"event\":\"shout\",\"payload\":[1,2],\"ref\":null}")
			.payload()
			.isArray()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "hello", "", "   ", "42", "null", "\"text\"", "{",
			"[null,\"1\",\"phoenix\",\"heartbeat\",{}]", "{\"event\":\"shout\",\"payload\":{},\"ref\":null}",
			"{\"topic\":\"room:lobby\",\"payload\":{},\"ref\":null}", "{\"topic\":\"room:lobby\",\"event\":\"shout\"}",
			"{\"topic\":5,\"event\":\"shout\",\"payload\":{}}",
			"{\"topic\":\"room:lobby\",\"event\":true,\"payload\":{}}",
			"{\"topic\":\"room:lobby\",\"event\":null,\"payload\":{}}",
			"{\"topic\":\"room:lobby\",\"event\":\"shout\",\"payload\":{},\"ref\":7}",
			"{\"topic\":\"room:lobby\",\"event\":\"shout\",\"payload\":{},\"join_ref\":{}}" })
	void refusesMalformedV1Frames(String text) {
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> V1Serializer.INSTANCE.decode(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "hello", "", "42", "null", "[", "[]", "[\"1\",\"2\",\"room:lobby\"]",
			"[\"1\",\"2\",\"room:lobby\",\"shout\"]",
			"{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\"2\"}",
			"[\"1\",\"2\",5,\"phx_join\",{}]", "[\"1\",\"2\",null,\"phx_join\",{}]",
			"[\"1\",\"2\",\"room:lobby\",false,{}]", "[\"1\",\"2\",\"room:lobby\",null,{}]",
			"[1,\"2\",\"room:lobby\",\"shout\",{}]", "[\"1\",[],\"room:lobby\",\"shout\",{}]" })
	void refusesMalformedV2Frames(String text) {
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> V2Serializer.INSTANCE.decode(text));
	}

	@ParameterizedTest
	@EnumSource(Version.class)
	void refusesTextAfterTheFrame(Version version) {
		Serializer serializer = Serializer.forVersion(version);
		String frame = serializer.encode(Message.heartbeat("1"));
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> serializer.decode(frame + " x"));
	}

	private static void assertRoundTrips(Message message) {
		for (Version version : Version.values()) {
			Serializer serializer = Serializer.forVersion(version);
			assertThat(serializer.decode(serializer.encode(message))).isEqualTo(message);
		}
	}

	/** The message a frame holds, read with plain Jackson rather than the serializer. */
	private static Message expectedMessage(Version version, JsonNode wire) {
		if (version == Version.V2) {
			return new Message(textOrNull(wire.get(0)), textOrNull(wire.get(1)), wire.get(2).stringValue(),
					wire.get(3).stringValue(), wire.get(4));
		}
		return new Message(textOrNull(wire.get("join_ref")), textOrNull(wire.get("ref")),
				wire.get("topic").stringValue(), wire.get("event").stringValue(), wire.get("payload"));
	}

	/**
	 * The frame as the serializer writes it: V2 without extra trailing elements; V1 with
	 * its five fields, {@code ref} null when absent and {@code join_ref} only when set.
	 */
	private static JsonNode canonicalFrame(Version version, JsonNode wire) {
		if (version == Version.V2) {
			ArrayNode canonical = json.createArrayNode();
			Iterator<JsonNode> elements = wire.iterator();
			for (int i = 0; i < 5; i++) {
				canonical.add(elements.next());
			}
			return canonical;
		}
		ObjectNode canonical = json.createObjectNode();
		canonical.set("topic", wire.get("topic"));
		canonical.set("event", wire.get("event"));
		canonical.set("payload", wire.get("payload"));
		canonical.set("ref", wire.has("ref") ? wire.get("ref") : JsonNodeFactory.instance.nullNode());
		if (textOrNull(wire.get("join_ref")) != null) {
			canonical.set("join_ref", wire.get("join_ref"));
		}
		return canonical;
	}

	private static boolean hasNonStringTopicOrEvent(Frame frame) {
		JsonNode wire;
		try {
			wire = json.readTree(frame.text());
		}
		catch (RuntimeException ex) {
			return false;
		}
		List<JsonNode> fields = new ArrayList<>();
		if (frame.version() == Version.V2 && wire.isArray() && wire.size() >= 5) {
			fields.add(wire.get(2));
			fields.add(wire.get(3));
		}
		else if (frame.version() == Version.V1 && wire.isObject()) {
			fields.add(wire.get("topic"));
			fields.add(wire.get("event"));
		}
		return fields.stream().anyMatch((field) -> field != null && !field.isString());
	}

	private static String textOrNull(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.stringValue();
	}

	private static ObjectNode object(String... keysAndValues) {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			node.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return node;
	}

}
