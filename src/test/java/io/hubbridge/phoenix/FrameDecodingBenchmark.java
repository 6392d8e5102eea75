package io.hubbridge.phoenix;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.hubbridge.bench.micro.HubFrames;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding Hub's broadcasts into {@link Message messages}, as the upstream connection
 * does for every frame: V1 (object) and V2 (array) text for a shout, a typing
 * {@code presence_diff} and a {@code presence_state} of 50 users, and a whole websocket
 * frame, text or binary, through {@link FrameText} (in this package for that
 * package-private class). Run with {@code ./mvnw -q -Pjmh -Djmh.args=FrameDecoding}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
public class FrameDecodingBenchmark {

	static final int STATE_USERS = 50;

	String v1Shout;

	String v1PresenceDiff;

	String v1PresenceState;

	String v2Shout;

	String v2PresenceDiff;

	String v2PresenceState;

	WebSocketFrame v2ShoutText;

	WebSocketFrame v2ShoutBinary;

	@Setup
	public void setUp() {
		String state = HubFrames.presenceState(0, STATE_USERS);
		this.v1Shout = HubFrames.v1("shout", HubFrames.SHOUT_PAYLOAD);
		this.v1PresenceDiff = HubFrames.v1("presence_diff", HubFrames.TYPING_DIFF_PAYLOAD);
		this.v1PresenceState = HubFrames.v1("presence_state", state);
		this.v2Shout = HubFrames.v2("shout", HubFrames.SHOUT_PAYLOAD);
		this.v2PresenceDiff = HubFrames.v2("presence_diff", HubFrames.TYPING_DIFF_PAYLOAD);
		this.v2PresenceState = HubFrames.v2("presence_state", state);
		// wrapped arrays: unpooled and not tracked by the leak detector; reading them
		// moves no index, so one frame serves every invocation
		this.v2ShoutText = new TextWebSocketFrame(
				Unpooled.wrappedBuffer(this.v2Shout.getBytes(StandardCharsets.UTF_8)));
		this.v2ShoutBinary = new BinaryWebSocketFrame(
				Unpooled.wrappedBuffer(this.v2Shout.getBytes(StandardCharsets.UTF_8)));
	}

	@TearDown
	public void tearDown() {
		this.v2ShoutText.release();
		this.v2ShoutBinary.release();
	}

	@Benchmark
	public Message v1Shout() {
		return V1Serializer.INSTANCE.decode(this.v1Shout);
	}

	@Benchmark
	public Message v1PresenceDiff() {
		return V1Serializer.INSTANCE.decode(this.v1PresenceDiff);
	}

	@Benchmark
	public Message v1PresenceState50() {
		return V1Serializer.INSTANCE.decode(this.v1PresenceState);
	}

	@Benchmark
	public Message v2Shout() {
		return V2Serializer.INSTANCE.decode(this.v2Shout);
	}

	@Benchmark
	public Message v2PresenceDiff() {
		return V2Serializer.INSTANCE.decode(this.v2PresenceDiff);
	}

	@Benchmark
	public Message v2PresenceState50() {
		return V2Serializer.INSTANCE.decode(this.v2PresenceState);
	}

	/** The whole path of a text frame: its UTF-8 content to text, then decoded. */
	@Benchmark
	public Message v2ShoutTextFrame() {
		return V2Serializer.INSTANCE.decode(FrameText.of(this.v2ShoutText));
	}

	/** The same shout in a binary frame, read as strict UTF-8 JSON. */
	@Benchmark
	public Message v2ShoutBinaryFrame() {
		return V2Serializer.INSTANCE.decode(FrameText.of(this.v2ShoutBinary));
	}

}
