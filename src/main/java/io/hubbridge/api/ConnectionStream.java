package io.hubbridge.api;

import java.nio.ByteBuffer;
import java.util.List;

import io.hubbridge.room.EventWriter;
import io.hubbridge.room.RoomEvent;
import io.hubbridge.room.SlowSubscriberException;
import io.hubbridge.room.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

/**
 * One subscriber's stream written straight to its connection, on the connection's event
 * loop: a batch of the room's events is one write and flush of the room's own bytes, with
 * no operator chain per stream or event, and the connection's writability is the
 * back-pressure: while the socket's buffer is full, events wait in the subscriber's
 * bounded queue, where they overflow it if the client does not read.
 */
final class ConnectionStream implements EventWriter {

	private static final String RESUME_HANDLER = "hubbridge.resumeWhenWritable";

	private static final AttributeKey<Subscription> SUBSCRIPTION = AttributeKey.valueOf(ConnectionStream.class,
			"subscription");

	private final Channel channel;

	/**
	 * Where the events' own chunks are written, past Netty's HTTP encoder (which would
	 * frame each write anew), when nothing between the encoder and the application
	 * changes or counts the body; {@code null} to write the frames through the pipeline.
	 */
	private final @Nullable ChannelHandlerContext pastTheEncoder;

	private final Subscription subscription;

	private final List<ByteBuffer> retry;

	private final Flux<List<ByteBuffer>> keepAlive;

	private final Sinks.Empty<Void> finished = Sinks.empty();

	private final Sinks.Empty<Void> fellBehind = Sinks.empty();

	/**
	 * Ends the stream when the client goes: nothing else notices while nothing is
	 * written, since the events are written past Reactor Netty's send operators.
	 */
	private final ChannelFutureListener connectionClosed = (closed) -> this.finished.tryEmitEmpty();

	/** Whether the final comment was written; only on the event loop. */
	private boolean done;

	/**
	 * Whether events were written since the last keep-alive tick: a comment goes only to
	 * a stream that was quiet for a whole period, so that a busy room's thousands of
	 * streams are not each written a comment (and a system call) at once on every tick.
	 */
	private volatile boolean eventsSinceTick;

	/**
	 * @param retry the first frame
	 * @param keepAlive the keep-alive ticks: a comment is written on a tick that follows
	 * a quiet period
	 */
	ConnectionStream(Connection connection, Subscription subscription, List<ByteBuffer> retry,
			Flux<List<ByteBuffer>> keepAlive) {
		this.channel = connection.channel();
		this.pastTheEncoder = pastTheEncoder(this.channel.pipeline());
		this.subscription = subscription;
		this.retry = retry;
		this.keepAlive = keepAlive;
		this.channel.attr(SUBSCRIPTION).set(subscription);
		connection.addHandlerLast(RESUME_HANDLER, ResumeWhenWritable.INSTANCE);
		this.channel.closeFuture().addListener(this.connectionClosed);
	}

	/**
	 * Writes {@code retry:}, then the events, with a keep-alive comment on each tick that
	 * follows a quiet period (subscribed once the response's head is out), until the room
	 * ends the stream, the subscriber is dropped (then its final comment has been
	 * written) or the connection closes.
	 */
	Mono<Void> write() {
		return Mono.defer(() -> {
			this.channel.writeAndFlush(frames(this.retry), this.channel.voidPromise());
			Disposable comments = this.keepAlive.subscribe(this::tick);
			this.subscription.start(this);
			return this.finished.asMono().doFinally((signal) -> comments.dispose());
		});
	}

	/** Leaves the room, whether or not the events were ever written. */
	void leave() {
		this.subscription.cancel();
		this.channel.attr(SUBSCRIPTION).set(null);
		this.channel.closeFuture().removeListener(this.connectionClosed);
	}

	/** Completes when the subscriber was dropped for falling behind. */
	Mono<Void> fellBehind() {
		return this.fellBehind.asMono();
	}

	@Override
	public boolean ready() {
		return !this.done && this.channel.isWritable();
	}

	@Override
	public void write(List<RoomEvent> batch) {
		if (this.done) {
			return;
		}
		if (!this.eventsSinceTick) {
			// read first: a volatile read is free here, a store is needed once a period
			this.eventsSinceTick = true;
		}
		ChannelHandlerContext context = this.pastTheEncoder;
		if (context == null) {
			this.channel.writeAndFlush(frames(EventStreams.frames(batch)), this.channel.voidPromise());
			return;
		}
		// each event its own chunk: one flush, and so one system call, for the batch
		for (RoomEvent event : batch) {
			context.write(event.chunk().duplicate(), context.voidPromise());
		}
		context.flush();
	}

	@Override
	public void end() {
		finish(EventStreams.CLOSED);
	}

	@Override
	public void dropped(SlowSubscriberException reason) {
		this.channel.eventLoop().execute(() -> {
			this.fellBehind.tryEmitEmpty();
			finish(List.of(EventStreams.tooSlow(reason)));
		});
	}

	/** On the shared ticker's thread: hands a comment to the loop of a quiet stream. */
	private void tick(List<ByteBuffer> comment) {
		if (this.eventsSinceTick) {
			this.eventsSinceTick = false;
		}
		else {
			this.channel.eventLoop().execute(() -> writeComment(comment));
		}
	}

	private void writeComment(List<ByteBuffer> comment) {
		// dropped, not queued, for a stream that is not reading
		if (!this.done && this.channel.isWritable()) {
			this.channel.writeAndFlush(frames(comment), this.channel.voidPromise());
		}
	}

	private void finish(List<ByteBuffer> finalComment) {
		if (this.done) {
			return;
		}
		this.done = true;
		this.channel.writeAndFlush(frames(finalComment)).addListener((written) -> this.finished.tryEmitEmpty());
	}

	private static @Nullable ChannelHandlerContext pastTheEncoder(ChannelPipeline pipeline) {
		boolean bodyTransformedOrCounted = pipeline.get(NettyPipeline.CompressionHandler) != null
				|| pipeline.get(NettyPipeline.AccessLogHandler) != null
				|| pipeline.get(NettyPipeline.HttpMetricsHandler) != null;
		return bodyTransformedOrCounted ? null : pipeline.context(NettyPipeline.HttpCodec);
	}

	/** The frames as one buffer, each a duplicate of the room's: never copied. */
	private static ByteBuf frames(List<ByteBuffer> frames) {
		ByteBuffer[] parts = new ByteBuffer[frames.size()];
		for (int i = 0; i < parts.length; i++) {
			parts[i] = frames.get(i).duplicate();
		}
		return Unpooled.wrappedBuffer(parts);
	}

	/** Has a stream's events written again once its connection takes them. */
	@ChannelHandler.Sharable
	private static final class ResumeWhenWritable extends ChannelInboundHandlerAdapter {

		static final ResumeWhenWritable INSTANCE = new ResumeWhenWritable();

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext context) {
			@Nullable Subscription subscription = context.channel().attr(SUBSCRIPTION).get();
			if (subscription != null && context.channel().isWritable()) {
				subscription.resume();
			}
			context.fireChannelWritabilityChanged();
		}

	}

}
