package io.hubbridge.bench.micro;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.hubbridge.room.presence.Presence;
import io.hubbridge.room.presence.PresenceChange;
import io.hubbridge.room.presence.User;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merging decoded presence payloads into a room's {@link Presence} of 1,000 users (plus
 * the bridge's own, hidden key), with the user-level changes each merge derives. Every
 * invocation applies a payload and then its inverse, so the state is the same before each
 * one; {@link OperationsPerInvocation} makes the score per payload. Run with
 * {@code ./mvnw -q -Pjmh -Djmh.args=PresenceMerge}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
public class PresenceMergeBenchmark {

	static final int USERS = 1_000;

	/** How many users join and how many leave in a batch diff (a reconnect wave). */
	static final int BATCH = 50;

	private static final String BRIDGE = "hub-bridge";

	Presence presence;

	/** A user who types (d_typing.txt's diff, on a user of the state), and stops. */
	JsonNode typingStarts;

	JsonNode typingStops;

	/** A new user joins, and leaves. */
	JsonNode oneJoins;

	JsonNode oneLeaves;

	/** 50 new users join while 50 present ones leave, and the reverse. */
	JsonNode batchArrives;

	JsonNode batchReturns;

	/** Two full states that differ by 10 users gone and 10 new ones. */
	JsonNode stateA;

	JsonNode stateB;

	@Setup
	public void setUp() {
		JsonMapper json = JsonMapper.builder().build();
		this.presence = new Presence((key) -> !key.equals(BRIDGE));
		String bridge = "\"" + BRIDGE + "\":" + HubFrames.presence(BRIDGE, HubFrames.phxRef(-1), false);
		String state = HubFrames.presenceState(0, USERS);
		this.stateA = json.readTree("{" + bridge + "," + state.substring(1));
		this.stateB = json.readTree("{" + bridge + "," + HubFrames.presenceState(10, USERS + 10).substring(1));
		this.presence.syncState(this.stateA);
		String typist = HubFrames.username(USERS / 2);
		String idleRef = HubFrames.phxRef(USERS / 2);
		String typingRef = HubFrames.phxRef(USERS * 10);
		this.typingStarts = json.readTree(
				diff(typist, HubFrames.presence(typist, typingRef, true), HubFrames.presence(typist, idleRef, false)));
		this.typingStops = json.readTree(
				diff(typist, HubFrames.presence(typist, idleRef, false), HubFrames.presence(typist, typingRef, true)));
		this.oneJoins = json.readTree(HubFrames.presenceDiff(USERS, USERS + 1, 0, 0));
		this.oneLeaves = json.readTree(HubFrames.presenceDiff(0, 0, USERS, USERS + 1));
		this.batchArrives = json.readTree(HubFrames.presenceDiff(USERS, USERS + BATCH, 0, BATCH));
		this.batchReturns = json.readTree(HubFrames.presenceDiff(0, BATCH, USERS, USERS + BATCH));
	}

	private static String diff(String key, String join, String leave) {
		return "{\"joins\":{\"" + key + "\":" + join + "},\"leaves\":{\"" + key + "\":" + leave + "}}";
	}

	/** The most frequent diff: a user's typing flag changes (one meta replaced). */
	@Benchmark
	@OperationsPerInvocation(2)
	public List<PresenceChange> typingDiff(Blackhole blackhole) {
		blackhole.consume(this.presence.syncDiff(this.typingStarts));
		return this.presence.syncDiff(this.typingStops);
	}

	/** A user joins, then leaves: one {@code Joined}, one {@code Left}. */
	@Benchmark
	@OperationsPerInvocation(2)
	public List<PresenceChange> joinLeaveDiff(Blackhole blackhole) {
		blackhole.consume(this.presence.syncDiff(this.oneJoins));
		return this.presence.syncDiff(this.oneLeaves);
	}

	/** 50 users join and 50 leave in one diff: 100 changes. */
	@Benchmark
	@OperationsPerInvocation(2)
	public List<PresenceChange> batchDiff(Blackhole blackhole) {
		blackhole.consume(this.presence.syncDiff(this.batchArrives));
		return this.presence.syncDiff(this.batchReturns);
	}

	/**
	 * A rejoin's {@code presence_state} of 1,000 users replacing the state, with the join
	 * and leave derivation over every user: 20 changes.
	 */
	@Benchmark
	@OperationsPerInvocation(2)
	public List<PresenceChange> stateResync(Blackhole blackhole) {
		blackhole.consume(this.presence.syncState(this.stateB));
		return this.presence.syncState(this.stateA);
	}

	/** The users as a presence snapshot lists them, sorted by name. */
	@Benchmark
	public List<User> users() {
		return this.presence.users();
	}

}
