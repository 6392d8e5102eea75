package io.hubbridge.room.presence;

import java.util.ArrayList;
import java.util.List;

import io.hubbridge.room.presence.TranscriptPresenceFrames.Frame;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Presence}: Phoenix merging, user-level changes, hidden keys and
 * malformed payloads.
 */
class PresenceUnitTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Presence presence = new Presence((key) -> true);

	// --- the seed document's scenarios

	@Test
	void presenceStateOfTheSeedDocumentListsRobinAndRobin2() {
		List<PresenceChange> changes = this.presence.syncState(json("""
				{"robin": {"metas": [{"phx_ref": "cSvOUT1SLRM=", "phx_ref_prev": "QIy9RaBWFhE=",
				                      "typing": false, "username": "robin"}]},
				 "robin2": {"metas": [{"phx_ref": "ya1DVM0S290=", "typing": false, "username": "robin2"}]}}
				"""));

		assertThat(changes).containsExactly(new Joined(new User("robin", false, 1)),
				new Joined(new User("robin2", false, 1)));
		assertThat(this.presence.users()).containsExactly(new User("robin", false, 1), new User("robin2", false, 1));
		assertThat(this.presence.count()).isEqualTo(2);
		assertThat(this.presence.malformedEntries()).isZero();
	}

	@Test
	void userOfTheSeedDocumentJoinsTypesStopsTypingAndLeaves() {
		this.presence.syncState(json("{}"));

		assertThat(this.presence.syncDiff(json("""
				{"joins": {"robin": {"metas": [{"phx_ref": "3739c+OnWg4=", "typing": false, "username": "robin"}]}},
				 "leaves": {}}
				"""))).containsExactly(new Joined(new User("robin", false, 1)));
		assertThat(this.presence.syncDiff(json("""
				{"joins": {"robin": {"metas": [{"phx_ref": "hFTdWydp4YA", "typing": true, "username": "robin"}]}},
				 "leaves": {"robin": {"metas": [{"phx_ref": "3739c+OnWg4=", "typing": false, "username": "robin"}]}}}
				"""))).containsExactly(new TypingChanged("robin", true));
		assertThat(this.presence.users()).containsExactly(new User("robin", true, 1));
		assertThat(this.presence.syncDiff(json("""
				{"joins": {"robin": {"metas": [{"phx_ref": "Qm9iTm90VHlw", "phx_ref_prev": "hFTdWydp4YA",
				                                "typing": false, "username": "robin"}]}},
				 "leaves": {"robin": {"metas": [{"phx_ref": "hFTdWydp4YA", "typing": true, "username": "robin"}]}}}
				"""))).containsExactly(new TypingChanged("robin", false));
		assertThat(this.presence.syncDiff(json("""
				{"joins": {},
				 "leaves": {"robin": {"metas": [{"phx_ref": "Qm9iTm90VHlw", "typing": false, "username": "robin"}]}}}
				"""))).containsExactly(new Left("robin"));
		assertThat(this.presence.users()).isEmpty();
		assertThat(this.presence.count()).isZero();
	}

	// --- transcripts captured from a real Hub

	@Test
	void typingTranscriptAsSeenByRobinReportsOnlyRealTypingChanges() {
		List<List<PresenceChange>> changes = replay("d_typing.txt", "robin/v1", this.presence);

		assertThat(changes).containsExactly(List.of(), // presence_state {}
				List.of(new Joined(new User("robin", false, 1))), //
				List.of(new Joined(new User("robin2", false, 1))), //
				List.of(new TypingChanged("robin2", true)), //
				List.of(new TypingChanged("robin2", false)), //
				List.of(new TypingChanged("robin", true)), // username "someone_else" in
															// the meta
				List.of(), // typing "yes" is not true
				List.of(new Left("robin2")));
		assertThat(this.presence.users()).containsExactly(new User("robin", true, 1));
	}

	@Test
	void typingUnderAnotherUsernameIsReportedUnderTheKey() {
		this.presence.syncState(json("""
				{"robin": {"metas": [{"phx_ref": "Ss2RR0nQ9vg=", "typing": false, "username": "robin"}]}}
				"""));

		List<PresenceChange> changes = this.presence.syncDiff(
				json("""
						{"joins":{"robin":{"metas":[{"phx_ref":"vBjVvWxwNug=","phx_ref_prev":"Ss2RR0nQ9vg=","typing":true,"username":"someone_else"}]}},
						 "leaves":{"robin":{"metas":[{"phx_ref":"Ss2RR0nQ9vg=","typing":false,"username":"robin"}]}}}
						"""));

		assertThat(changes).containsExactly(new TypingChanged("robin", true));
		assertThat(this.presence.users()).containsExactly(new User("robin", true, 1));
	}

	@Test
	void typingValueThatIsNotExactlyTrueIsNotTyping() {
		this.presence.syncState(json("""
				{"robin2": {"metas": [{"phx_ref": "DB6/Gkgi5pU=", "typing": true, "username": "robin2"}]}}
				"""));

		List<PresenceChange> changes = this.presence.syncDiff(
				json("""
						{"joins":{"robin2":{"metas":[{"phx_ref":"I9xebL/ezj0=","phx_ref_prev":"DB6/Gkgi5pU=","typing":"yes","username":"robin2"}]}},
						 "leaves":{"robin2":{"metas":[{"phx_ref":"DB6/Gkgi5pU=","typing":true,"username":"robin2"}]}}}
						"""));

		assertThat(changes).containsExactly(new TypingChanged("robin2", false));
		assertThat(this.presence.users()).containsExactly(new User("robin2", false, 1));
		assertThat(this.presence.malformedEntries()).isZero();
	}

	@Test
	void sameUsernameTranscriptAsSeenByTheFirstConnectionReportsOneUser() {
		List<List<PresenceChange>> changes = replay("j_same_username.txt", "robin#1/v1", this.presence);

		assertThat(changes).containsExactly(List.of(), // presence_state {}
				List.of(new Joined(new User("robin", false, 1))), //
				List.of(), // second connection
				List.of(new TypingChanged("robin", true)), //
				List.of(new Joined(new User("observer", false, 1))), //
				List.of(new TypingChanged("robin", false)), // the typing connection left
				List.of(), // third connection
				List.of(), // third connection dropped
				List.of(new Left("observer")));
		assertThat(this.presence.users()).containsExactly(new User("robin", false, 1));
	}

	@Test
	void sameUsernameTranscriptAsSeenByTheObserverStartsFromTwoMetas() {
		List<List<PresenceChange>> changes = replay("j_same_username.txt", "observer/v2", this.presence);

		assertThat(changes).containsExactly(List.of(new Joined(new User("robin", true, 2))),
				List.of(new Joined(new User("observer", false, 1))), //
				List.of(new TypingChanged("robin", false)), //
				List.of(), //
				List.of());
		assertThat(this.presence.users()).containsExactly(new User("observer", false, 1), new User("robin", false, 1));
	}

	@Test
	void doubleJoinTranscriptAsSeenByTheWatcherReportsEachRejoinAsLeaveAndJoin() {
		Presence watcher = new Presence((key) -> !key.equals("watcher"));

		List<List<PresenceChange>> changes = replay("l_double_join.txt", "watcher/v1", watcher);

		assertThat(changes).containsExactly(List.of(), // presence_state {}
				List.of(), // the watcher itself, hidden
				List.of(new Joined(new User("robin", false, 1))), //
				List.of(new Left("robin")), //
				List.of(new Joined(new User("robin", false, 1))), //
				List.of(new Left("robin")), //
				List.of(new Joined(new User("robin_b", false, 1))), //
				List.of(new Joined(new User("robin_v1", false, 1))), //
				List.of(new Left("robin_v1")), //
				List.of(new Joined(new User("robin_v1", false, 1))));
		assertThat(watcher.users()).extracting(User::username).containsExactly("robin_b", "robin_v1");
		assertThat(watcher.count()).isEqualTo(2);
	}

	// --- one user, several connections

	@Test
	void secondConnectionOfTheSameUserIsNotAJoin() {
		this.presence.syncDiff(diff(keys(key("robin", meta("a", false))), keys()));

		List<PresenceChange> changes = this.presence.syncDiff(diff(keys(key("robin", meta("b", false))), keys()));

		assertThat(changes).isEmpty();
		assertThat(this.presence.users()).containsExactly(new User("robin", false, 2));
	}

	@Test
	void typingOnOneConnectionMakesTheUserTyping() {
		this.presence.syncDiff(diff(keys(key("robin", meta("a", false))), keys()));
		this.presence.syncDiff(diff(keys(key("robin", meta("b", false))), keys()));

		List<PresenceChange> changes = this.presence
			.syncDiff(diff(keys(key("robin", meta("c", true))), keys(key("robin", meta("b", false)))));

		assertThat(changes).containsExactly(new TypingChanged("robin", true));
		assertThat(this.presence.users()).containsExactly(new User("robin", true, 2));
	}

	@Test
	void typingConnectionLeavingWhileAnotherRemainsIsNotALeave() {
		this.presence.syncDiff(diff(keys(key("robin", meta("a", false))), keys()));
		this.presence.syncDiff(diff(keys(key("robin", meta("c", true))), keys()));

		List<PresenceChange> changes = this.presence.syncDiff(diff(keys(), keys(key("robin", meta("c", true)))));

		assertThat(changes).containsExactly(new TypingChanged("robin", false));
		assertThat(this.presence.users()).containsExactly(new User("robin", false, 1));
	}

	@Test
	void idleConnectionLeavingWhileAnotherRemainsChangesOnlyTheConnectionCount() {
		this.presence.syncDiff(diff(keys(key("robin", meta("a", false))), keys()));
		this.presence.syncDiff(diff(keys(key("robin", meta("c", true))), keys()));

		List<PresenceChange> changes = this.presence.syncDiff(diff(keys(), keys(key("robin", meta("a", false)))));

		assertThat(changes).isEmpty();
		assertThat(this.presence.users()).containsExactly(new User("robin", true, 1));
	}

	@Test
	void lastConnectionLeavingIsALeave() {
		this.presence.syncDiff(diff(keys(key("robin", meta("a", false), meta("b", false))), keys()));
		this.presence.syncDiff(diff(keys(), keys(key("robin", meta("a", false)))));

		List<PresenceChange> changes = this.presence.syncDiff(diff(keys(), keys(key("robin", meta("b", false)))));

		assertThat(changes).containsExactly(new Left("robin"));
		assertThat(this.presence.users()).isEmpty();
	}

	@Test
	void newUserAlreadyTypingIsOnlyAJoin() {
		List<PresenceChange> changes = this.presence.syncDiff(diff(keys(key("robin", meta("a", true))), keys()));

		assertThat(changes).containsExactly(new Joined(new User("robin", true, 1)));
	}

	@Test
	void joinReplacesTheMetaWithTheSameRef() {
		this.presence.syncDiff(diff(keys(key("robin", meta("a", false))), keys()));

		List<PresenceChange> changes = this.presence.syncDiff(diff(keys(key("robin", meta("a", true))), keys()));

		assertThat(changes).containsExactly(new TypingChanged("robin", true));
		assertThat(this.presence.users()).containsExactly(new User("robin", true, 1));
	}

	@Test
	void joinAndLeaveOfANewKeyInOneDiffReportsNothing() {
		List<PresenceChange> changes = this.presence
			.syncDiff(diff(keys(key("robin", meta("a", false))), keys(key("robin", meta("a", false)))));

		assertThat(changes).isEmpty();
		assertThat(this.presence.users()).isEmpty();
	}

	@Test
	void leaveOfAnUnknownKeyIsIgnored() {
		this.presence.syncDiff(diff(keys(key("robin", meta("a", false))), keys()));

		List<PresenceChange> changes = this.presence.syncDiff(diff(keys(), keys(key("ghost", meta("z", false)))));

		assertThat(changes).isEmpty();
		assertThat(this.presence.users()).containsExactly(new User("robin", false, 1));
		assertThat(this.presence.malformedEntries()).isZero();
	}

	@Test
	void leaveOfAnUnknownRefOfAKnownKeyIsIgnored() {
		this.presence.syncDiff(diff(keys(key("robin", meta("a", true))), keys()));

		List<PresenceChange> changes = this.presence.syncDiff(diff(keys(), keys(key("robin", meta("z", false)))));

		assertThat(changes).isEmpty();
		assertThat(this.presence.users()).containsExactly(new User("robin", true, 1));
	}

	@Test
	void changesComeAsLeavesThenJoinsThenTypingEachByUsername() {
		this.presence.syncState(state(keys(key("b", meta("b1", false)), key("d", meta("d1", false)),
				key("f", meta("f1", true)), key("h", meta("h1", false)), key("x", meta("x1", false)))));

		List<PresenceChange> changes = this.presence.syncDiff(diff(
				keys(key("h", meta("h2", true)), key("c", meta("c1", false)), key("a", meta("a1", true)),
						key("f", meta("f2", false))),
				keys(key("x", meta("x1", false)), key("h", meta("h1", false)), key("d", meta("d1", false)),
						key("f", meta("f1", true)))));

		assertThat(changes).containsExactly(new Left("d"), new Left("x"), new Joined(new User("a", true, 1)),
				new Joined(new User("c", false, 1)), new TypingChanged("f", false), new TypingChanged("h", true));
	}

	// --- syncState

	@Test
	void stateAfterAReconnectReportsWhatChangedMeanwhile() {
		this.presence.syncState(state(keys(key("a", meta("a1", false)), key("b", meta("b1", false)))));

		List<PresenceChange> changes = this.presence
			.syncState(state(keys(key("b", meta("b1", false)), key("c", meta("c1", false)))));

		assertThat(changes).containsExactly(new Left("a"), new Joined(new User("c", false, 1)));
		assertThat(this.presence.users()).containsExactly(new User("b", false, 1), new User("c", false, 1));
	}

	@Test
	void stateThatIsTheSameReportsNothing() {
		this.presence.syncState(state(keys(key("a", meta("a1", false)), key("b", meta("b1", true)))));

		List<PresenceChange> changes = this.presence
			.syncState(state(keys(key("a", meta("a2", false), meta("a3", false)), key("b", meta("b2", true)))));

		assertThat(changes).isEmpty();
		assertThat(this.presence.users()).containsExactly(new User("a", false, 2), new User("b", true, 1));
	}

	@Test
	void stateReportsTypingChangesOfUsersWhoStayed() {
		this.presence.syncState(state(keys(key("a", meta("a1", false)), key("b", meta("b1", true)))));

		List<PresenceChange> changes = this.presence
			.syncState(state(keys(key("a", meta("a2", true)), key("b", meta("b2", false)))));

		assertThat(changes).containsExactly(new TypingChanged("a", true), new TypingChanged("b", false));
	}

	@Test
	void stateWithAKeyWithoutMetasLeavesThatKeyOut() {
		List<PresenceChange> changes = this.presence.syncState(state(keys(key("a"), key("b", meta("b1", false)))));

		assertThat(changes).containsExactly(new Joined(new User("b", false, 1)));
		assertThat(this.presence.count()).isEqualTo(1);
	}

	@Test
	void clearForgetsEveryoneSoTheNextStateJoinsThemAgain() {
		this.presence.syncState(state(keys(key("a", meta("a1", false)))));

		this.presence.clear();

		assertThat(this.presence.users()).isEmpty();
		assertThat(this.presence.count()).isZero();
		assertThat(this.presence.syncState(state(keys(key("a", meta("a1", false))))))
			.containsExactly(new Joined(new User("a", false, 1)));
	}

	// --- hidden keys

	@Test
	void hiddenKeyIsKeptButNeverReported() {
		Presence withBridge = new Presence((key) -> !key.equals("bridge"));

		assertThat(withBridge.syncState(state(keys(key("bridge", meta("z1", false)), key("a", meta("a1", false))))))
			.containsExactly(new Joined(new User("a", false, 1)));
		assertThat(withBridge.syncDiff(diff(keys(key("bridge", meta("z2", false))), keys()))).isEmpty();
		assertThat(withBridge
			.syncDiff(diff(keys(key("bridge", meta("z3", true))), keys(key("bridge", meta("z2", false)))))).isEmpty();
		assertThat(withBridge.users()).containsExactly(new User("a", false, 1));
		assertThat(withBridge.count()).isEqualTo(1);
		assertThat(
				withBridge.syncDiff(diff(keys(), keys(key("bridge", meta("z1", false)), key("a", meta("a1", false))))))
			.containsExactly(new Left("a"));
		assertThat(withBridge.syncDiff(diff(keys(), keys(key("bridge", meta("z3", true)))))).isEmpty();
		assertThat(withBridge.syncState(state(keys(key("bridge", meta("z4", false)))))).isEmpty();
		assertThat(withBridge.users()).isEmpty();
		assertThat(withBridge.count()).isZero();
	}

	// --- malformed payloads

	@Test
	void payloadThatIsNotAnObjectIsSkippedAndLeavesTheStateAlone() {
		this.presence.syncState(state(keys(key("a", meta("a1", true)))));

		for (String payload : List.of("[]", "\"text\"", "42", "null", "true")) {
			assertThat(this.presence.syncDiff(json(payload))).isEmpty();
			assertThat(this.presence.malformedEntries()).isEqualTo(1);
			assertThat(this.presence.syncState(json(payload))).isEmpty();
			assertThat(this.presence.malformedEntries()).isEqualTo(1);
		}
		assertThat(this.presence.syncDiff(null)).isEmpty();
		assertThat(this.presence.syncState(null)).isEmpty();
		assertThat(this.presence.malformedEntries()).isEqualTo(1);
		assertThat(this.presence.users()).containsExactly(new User("a", true, 1));
	}

	@Test
	void malformedPartsOfADiffAreSkippedAndCountedWhileTheRestApplies() {
		this.presence.syncState(state(keys(key("a", meta("a1", false)), key("b", meta("b1", false)))));

		List<PresenceChange> changes = this.presence.syncDiff(json("""
				{"joins": {
				   "a": {"metas": "not an array"},
				   "b": [{"phx_ref": "b2", "typing": true}],
				   "c": {"metas": [{"phx_ref": 7, "typing": true}, "not an object", {"typing": true},
				                   {"phx_ref": "c1", "typing": false}]},
				   "d": {"metas": [{"phx_ref": null}]},
				   "e": 5},
				 "leaves": {
				   "a": {"metas": [{"phx_ref": ["a1"]}]},
				   "b": {"nometas": []},
				   "zz": null}}
				"""));

		// a: metas not an array; b: not an object; c: three metas; d: one meta; e: not an
		// object; leave a: one meta; leave b: no metas; leave zz: not an object
		assertThat(this.presence.malformedEntries()).isEqualTo(10);
		assertThat(changes).containsExactly(new Joined(new User("c", false, 1)));
		assertThat(this.presence.users()).containsExactly(new User("a", false, 1), new User("b", false, 1),
				new User("c", false, 1));
	}

	@Test
	void joinsOrLeavesThatAreNotObjectsAreSkippedAndCounted() {
		this.presence.syncState(state(keys(key("a", meta("a1", false)))));

		List<PresenceChange> changes = this.presence
			.syncDiff(json("{\"joins\": [\"b\"], \"leaves\": {\"a\": {\"metas\": [{\"phx_ref\": \"a1\"}]}}}"));

		assertThat(changes).containsExactly(new Left("a"));
		assertThat(this.presence.malformedEntries()).isEqualTo(1);

		assertThat(this.presence
			.syncDiff(json("{\"joins\": {\"b\": {\"metas\": [{\"phx_ref\": \"b1\"}]}}, \"leaves\": \"everyone\"}")))
			.containsExactly(new Joined(new User("b", false, 1)));
		assertThat(this.presence.malformedEntries()).isEqualTo(1);
	}

	@Test
	void diffWithoutJoinsOrLeavesIsNotMalformed() {
		assertThat(this.presence.syncDiff(json("{\"joins\": {\"a\": {\"metas\": [{\"phx_ref\": \"a1\"}]}}}")))
			.containsExactly(new Joined(new User("a", false, 1)));
		assertThat(this.presence.syncDiff(json("{}"))).isEmpty();
		assertThat(this.presence.syncDiff(json("{\"joins\": null, \"leaves\": null}"))).isEmpty();
		assertThat(this.presence.malformedEntries()).isZero();
	}

	@Test
	void malformedKeysOfAStateAreSkippedAndCounted() {
		List<PresenceChange> changes = this.presence.syncState(json("""
				{"a": {"metas": [{"phx_ref": "a1", "typing": true}, {"typing": true}]},
				 "b": {"metas": {}},
				 "c": "robin",
				 "d": {"metas": [{"phx_ref": false}]}}
				"""));

		assertThat(changes).containsExactly(new Joined(new User("a", true, 1)));
		assertThat(this.presence.malformedEntries()).isEqualTo(4);
	}

	@Test
	void malformedCountIsThatOfTheLastCall() {
		this.presence.syncDiff(json("[]"));

		this.presence.syncDiff(json("{\"joins\": {}, \"leaves\": {}}"));

		assertThat(this.presence.malformedEntries()).isZero();
	}

	// --- helpers

	private static List<List<PresenceChange>> replay(String transcript, String connection, Presence presence) {
		List<Frame> frames = TranscriptPresenceFrames.receivedBy(transcript, connection);
		assertThat(frames).isNotEmpty();
		List<List<PresenceChange>> changes = new ArrayList<>();
		for (Frame frame : frames) {
			changes.add(frame.applyTo(presence));
			assertThat(presence.malformedEntries()).as("malformed entries in %s", frame).isZero();
		}
		return changes;
	}

	/** One meta as Hub sends it (without the {@code username} the merge ignores). */
	private static String meta(String ref, boolean typing) {
		return "{'phx_ref': '" + ref + "', 'typing': " + typing + "}";
	}

	/** One key of a presence list: {@code 'KEY': {'metas': [...]}}. */
	private static String key(String key, String... metas) {
		return "'" + key + "': {'metas': [" + String.join(", ", metas) + "]}";
	}

	/** A presence list: {@code {KEY: {'metas': [...]}, ...}}. */
	private static String keys(String... keys) {
		return "{" + String.join(", ", keys) + "}";
	}

	private static JsonNode state(String keys) {
		return json(keys);
	}

	private static JsonNode diff(String joins, String leaves) {
		return json("{'joins': " + joins + ", 'leaves': " + leaves + "}");
	}

	private static JsonNode json(String text) {
		return MAPPER.readTree(text.replace('\'', '"'));
	}

}
