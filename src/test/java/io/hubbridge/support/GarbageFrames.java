package io.hubbridge.support;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated frames from a hostile or broken Hub, for property-based tests of the upstream
 * decoder and the room session: random text, JSON of random shapes, and envelopes of both
 * serializers around random and almost-right payloads of the events a room handles.
 */
public final class GarbageFrames {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final List<String> EVENTS = List.of("presence_state", "presence_diff", "shout", "phx_reply",
			"phx_error", "phx_close", "phx_join", "heartbeat", "user:typing", "");

	private GarbageFrames() {
	}

	/** Any text frame: random text, random JSON, V1 and V2 envelopes. */
	public static Arbitrary<String> textFrames(String topic) {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(64), json().map(GarbageFrames::write),
				v1(topic).map(GarbageFrames::write), v2(topic).map(GarbageFrames::write));
	}

	/** Random bytes, sometimes UTF-8 of a frame, sometimes not UTF-8 at all. */
	public static Arbitrary<byte[]> binaryFrames(String topic) {
		Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
		Arbitrary<byte[]> utf8 = textFrames(topic)
			.map((text) -> text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return Arbitraries.oneOf(random, utf8);
	}

	/**
	 * V1 envelopes {@code {"topic","event","payload","ref","join_ref"}}, fields sometimes
	 * missing or wrong.
	 */
	public static Arbitrary<JsonNode> v1(String topic) {
		return Combinators
			.combine(topics(topic), events(), payloads(), refs(), refs(), Arbitraries.integers().between(0, 31))
			.as((t, e, p, ref, joinRef, omit) -> {
				ObjectNode frame = NODES.objectNode();
				putUnless(frame, (omit & 1) != 0, "topic", t);
				putUnless(frame, (omit & 2) != 0, "event", e);
				putUnless(frame, (omit & 4) != 0, "payload", p);
				putUnless(frame, (omit & 8) != 0, "ref", ref);
				putUnless(frame, (omit & 16) == 0, "join_ref", joinRef);
				return frame;
			});
	}

	/**
	 * V2 envelopes {@code [join_ref, ref, topic, event, payload]}, sometimes shorter or
	 * longer.
	 */
	public static Arbitrary<JsonNode> v2(String topic) {
		return Combinators
			.combine(topics(topic), events(), payloads(), refs(), refs(), Arbitraries.integers().between(0, 7))
			.as((t, e, p, ref, joinRef, length) -> {
				ArrayNode frame = NODES.arrayNode();
				List<JsonNode> elements = List.of(joinRef, ref, t, e, p, NODES.stringNode("extra"), NODES.nullNode());
				elements.subList(0, length).forEach(frame::add);
				return frame;
			});
	}

	private static void putUnless(ObjectNode frame, boolean omit, String field, JsonNode value) {
		if (!omit) {
			frame.set(field, value);
		}
	}

	private static Arbitrary<JsonNode> topics(String topic) {
		return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(NODES.stringNode(topic))),
				Tuple.of(1, Arbitraries.just(NODES.stringNode("phoenix"))), Tuple.of(1, json()));
	}

	private static Arbitrary<JsonNode> events() {
		return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(EVENTS).map((e) -> (JsonNode) NODES.stringNode(e))),
				Tuple.of(1, json()));
	}

	private static Arbitrary<JsonNode> refs() {
		return Arbitraries.oneOf(Arbitraries.just(NODES.nullNode()),
				Arbitraries.strings().numeric().ofMaxLength(3).map((ref) -> (JsonNode) NODES.stringNode(ref)), json());
	}

	/** Payloads: random JSON, or almost-right presence states, diffs and shouts. */
	public static Arbitrary<JsonNode> payloads() {
		return Arbitraries.oneOf(json(), presences(), diffs(), shouts());
	}

	/** {@code {KEY: {"metas": [...]}}}, with metas sometimes of the wrong shape. */
	public static Arbitrary<JsonNode> presences() {
		Arbitrary<JsonNode> meta = Combinators
			.combine(Arbitraries.of("r1", "r2", "r3", "r4"), Arbitraries.of(usernames()), json(),
					Arbitraries.integers().between(0, 7))
			.as((ref, name, junk, shape) -> {
				ObjectNode m = NODES.objectNode();
				m.set("phx_ref", ((shape & 1) != 0) ? junk : NODES.stringNode(ref));
				m.set("typing", ((shape & 2) != 0) ? junk : NODES.booleanNode(ref.equals("r2")));
				m.put("username", name);
				return ((shape & 4) != 0 && shape == 7) ? junk : m;
			});
		Arbitrary<JsonNode> entry = Arbitraries.oneOf(meta.list().ofMaxSize(3).map((metas) -> {
			ObjectNode e = NODES.objectNode();
			e.set("metas", NODES.arrayNode().addAll(metas));
			return (JsonNode) e;
		}), json());
		return Arbitraries.maps(Arbitraries.of(usernames()), entry).ofMaxSize(4).map((entries) -> {
			ObjectNode presence = NODES.objectNode();
			entries.forEach(presence::set);
			return presence;
		});
	}

	/** {@code {"joins": ..., "leaves": ...}}, sometimes of the wrong shape. */
	public static Arbitrary<JsonNode> diffs() {
		Arbitrary<JsonNode> side = Arbitraries.oneOf(presences(), json());
		return Combinators.combine(side, side).as((joins, leaves) -> {
			ObjectNode diff = NODES.objectNode();
			diff.set("joins", joins);
			diff.set("leaves", leaves);
			return diff;
		});
	}

	/**
	 * {@code {"body","channel","name"}} with values of any type, sometimes extra fields.
	 */
	public static Arbitrary<JsonNode> shouts() {
		Arbitrary<JsonNode> value = Arbitraries
			.oneOf(Arbitraries.strings().ofMaxLength(20).map((text) -> (JsonNode) NODES.stringNode(text)), json());
		return Combinators.combine(value, value, value, json().optional()).as((body, channel, name, extra) -> {
			ObjectNode shout = NODES.objectNode();
			shout.set("body", body);
			shout.set("channel", channel);
			shout.set("name", name);
			extra.ifPresent((junk) -> shout.set("extra", junk));
			return shout;
		});
	}

	/** Any JSON value, nested three levels at most. */
	public static Arbitrary<JsonNode> json() {
		return json(3);
	}

	private static Arbitrary<JsonNode> json(int depth) {
		if (depth == 0) {
			return scalar();
		}
		Arbitrary<JsonNode> inner = json(depth - 1);
		Arbitrary<JsonNode> array = inner.list().ofMaxSize(3).map((items) -> NODES.arrayNode().addAll(items));
		Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), inner)
			.ofMaxSize(3)
			.map((fields) -> {
				ObjectNode node = NODES.objectNode();
				fields.forEach(node::set);
				return node;
			});
		return Arbitraries.frequencyOf(Tuple.of(3, scalar()), Tuple.of(1, array), Tuple.of(1, object));
	}

	private static Arbitrary<JsonNode> scalar() {
		return Arbitraries.oneOf(Arbitraries.just(NODES.nullNode()),
				Arbitraries.of(true, false).map((b) -> (JsonNode) NODES.booleanNode(b)),
				Arbitraries.longs().map((n) -> (JsonNode) NODES.numberNode(n)),
				Arbitraries.doubles().map((n) -> (JsonNode) NODES.numberNode(n)),
				Arbitraries.strings().ofMaxLength(12).map((text) -> (JsonNode) NODES.stringNode(text)));
	}

	private static List<String> usernames() {
		return List.of("alice", "bob", "hub-bridge", "", "\u00e9ve");
	}

	public static String write(JsonNode node) {
		return JSON.writeValueAsString(node);
	}

}
