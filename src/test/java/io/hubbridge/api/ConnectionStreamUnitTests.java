package io.hubbridge.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.hubbridge.room.EventId;
import io.hubbridge.room.EventType;
import io.hubbridge.room.EventWriter;
import io.hubbridge.room.RoomEvent;
import io.hubbridge.room.SseFrames;
import io.hubbridge.room.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream written straight to its connection, on an embedded channel, with the
 * keep-alive ticker in the test's hands.
 */
class ConnectionStreamUnitTests {

	private static final List<ByteBuffer> RETRY = List.of(SseFrames.wire(SseFrames.retry(2000)));

	private static final List<ByteBuffer> COMMENT = List.of(SseFrames.wire(SseFrames.comment("keep-alive")));

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final Sinks.Many<List<ByteBuffer>> ticks = Sinks.many().multicast().directBestEffort();

	private final StartedSubscription subscription = new StartedSubscription();

	private final ConnectionStream stream = new ConnectionStream(Connection.from(this.channel), this.subscription,
			RETRY, this.ticks.asFlux());

	private Disposable writing;

	@AfterEach
	void close() {
		this.writing.dispose();
		this.channel.finishAndReleaseAll();
	}

	@Test
	void aKeepAliveCommentGoesOnlyToAStreamThatWasQuietForAWholePeriod() {
		this.writing = this.stream.write().subscribe();
		assertThat(written()).isEqualTo("retry: 2000\n\n");
		assertThat(this.subscription.writer).isSameAs(this.stream);

		tick();
		assertThat(written()).isEqualTo(": keep-alive\n\n");

		this.stream.write(List.of(shout(1)));
		assertThat(written()).startsWith("id: e1-1\n");
		tick();
		assertThat(written()).as("no comment on a stream written during the period").isEmpty();

		this.stream.write(List.of(shout(2)));
		written();
		tick();
		assertThat(written()).isEmpty();

		tick();
		assertThat(written()).as("the next quiet period has its comment").isEqualTo(": keep-alive\n\n");
		tick();
		assertThat(written()).isEqualTo(": keep-alive\n\n");
	}

	private void tick() {
		this.ticks.tryEmitNext(COMMENT).orThrow();
		this.channel.runPendingTasks();
	}

	/** What was written to the connection since the last call. */
	private String written() {
		this.channel.runPendingTasks();
		StringBuilder text = new StringBuilder();
		for (ByteBuf buffer = this.channel.readOutbound(); buffer != null; buffer = this.channel.readOutbound()) {
			text.append(buffer.toString(StandardCharsets.UTF_8));
			buffer.release();
		}
		return text.toString();
	}

	private static RoomEvent shout(long seq) {
		EventId id = new EventId("e1", seq);
		byte[] frame = ("id: " + id + "\nevent: shout\ndata: {}\n\n").getBytes(StandardCharsets.UTF_8);
		return new RoomEvent(id, EventType.SHOUT, Instant.EPOCH, frame);
	}

	private static final class StartedSubscription implements Subscription {

		private EventWriter writer;

		@Override
		public void start(EventWriter writer) {
			this.writer = writer;
		}

		@Override
		public void resume() {
		}

		@Override
		public void cancel() {
		}

	}

}
