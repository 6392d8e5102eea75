package io.hubbridge.bench.micro;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hubbridge.room.EventId;
import io.hubbridge.room.EventType;
import io.hubbridge.room.SseFrames;
import io.hubbridge.room.event.PresenceSnapshot;
import io.hubbridge.room.event.ShoutEvent;
import io.hubbridge.room.presence.User;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Encoding a room event once into the SSE bytes that every subscriber is then written: a
 * shout (e_shout.txt's, with its extra field) and a presence snapshot of 100 users. Run
 * with {@code ./mvnw -q -Pjmh -Djmh.args=SseFrames}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
public class SseFramesBenchmark {

	static final int SNAPSHOT_USERS = 100;

	JsonMapper json;

	SseFrames frames;

	EventId id;

	ShoutEvent shout;

	PresenceSnapshot snapshot;

	@Setup
	public void setUp() {
		// a plain mapper, as the room tests give SseFrames; the bridge's is Spring Boot's
		this.json = JsonMapper.builder().build();
		this.frames = new SseFrames(this.json);
		this.id = new EventId("k3x9q1", 4_217);
		Instant receivedAt = Instant.parse("2026-11-27T23:11:25.808Z");
		this.shout = new ShoutEvent("lobby", "robin", "hello", receivedAt,
				Map.of("extra_field", JsonNodeFactory.instance.stringNode("x")));
		List<User> users = new ArrayList<>();
		for (int i = 0; i < SNAPSHOT_USERS; i++) {
			users.add(new User(HubFrames.username(i), i % 10 == 0, 1));
		}
		this.snapshot = new PresenceSnapshot("lobby", users, users.size(), "joined", receivedAt, this.id.toString());
	}

	@Benchmark
	public byte[] shout() {
		return this.frames.event(this.id, EventType.SHOUT, this.shout);
	}

	@Benchmark
	public byte[] presenceSnapshot100() {
		return this.frames.event(this.id, EventType.PRESENCE, this.snapshot);
	}

	/**
	 * Reference: the shout's JSON alone, written straight to bytes; what framing adds is
	 * {@link #shout()} minus this.
	 */
	@Benchmark
	public byte[] shoutJsonOnly() {
		return this.json.writeValueAsBytes(this.shout);
	}

	/** Reference: the snapshot's JSON alone, written straight to bytes. */
	@Benchmark
	public byte[] presenceSnapshot100JsonOnly() {
		return this.json.writeValueAsBytes(this.snapshot);
	}

}
