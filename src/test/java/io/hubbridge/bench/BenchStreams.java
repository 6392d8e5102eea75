package io.hubbridge.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.SocketChannel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The tool's HTTP side: its own event loops (so that they can be measured), a Netty
 * connection per stream, and Reactor Netty clients for the publishers and websocket users
 * on the same loops. Streams are read on their event loop as bytes arrive
 * ({@link SseResponseDecoder}), with no queue, thread or Reactor operator per stream, and
 * no object per event: the tool shares the machine with the bridge, and what it spends
 * per event the bridge lacks. Through Reactor Netty's HTTP client, its decoder and a
 * string per field, the tool took 0.8 of a core at 200,000 deliveries a second.
 */
final class BenchStreams implements AutoCloseable {

	/** Unpooled and untracked: buffers live only while a chunk is parsed. */
	private static final ByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(true, true);

	private static final int MAX_FRAME = 16 * 1024 * 1024;

	/** Hub closes sockets silent for 45 s. */
	private static final Duration HEARTBEAT = Duration.ofSeconds(30);

	private final List<LoopResources> loops = new ArrayList<>();

	private final List<HttpClient.WebsocketSender> hubUsers = new ArrayList<>();

	private final AtomicInteger next = new AtomicInteger();

	private final ConnectionProvider restConnections;

	/**
	 * @param threads event loops; streams are dealt to them in turn
	 */
	BenchStreams(int threads) {
		// one single-threaded loop group per thread, streams dealt in turn: a shared
		// group placed every connection on the same loop
		for (int i = 0; i < threads; i++) {
			LoopResources loop = LoopResources.create("bench-" + i, -1, 1, true, false);
			this.loops.add(loop);
			this.hubUsers.add(HttpClient.create(ConnectionProvider.newConnection())
				.runOn(loop)
				.option(ChannelOption.ALLOCATOR, UNTRACKED)
				.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME).build()));
		}
		this.restConnections = ConnectionProvider.builder("bench-rest")
			.maxConnections(1024)
			.pendingAcquireMaxCount(-1)
			.build();
	}

	/**
	 * Streams {@code url} into {@code subscriber} until the bridge ends the stream (then
	 * completes) or it fails; cancelling closes the connection.
	 */
	Mono<Void> stream(String url, BenchSubscriber subscriber) {
		int loop = Math.floorMod(this.next.getAndIncrement(), this.loops.size());
		EventLoopGroup group = this.loops.get(loop).onClient(true);
		URI uri = URI.create(url);
		return Mono.create((sink) -> {
			ChannelFuture connecting = new Bootstrap().group(group)
				.channel(this.loops.get(loop).onChannelClass(SocketChannel.class, group))
				.option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
				.option(ChannelOption.TCP_NODELAY, true)
				// edge-triggered, each read that takes data is followed by one that finds
				// none
				.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
				.handler(new StreamReader(uri, subscriber, sink))
				.connect(uri.getHost(), uri.getPort());
			connecting.addListener((connected) -> {
				if (!connected.isSuccess()) {
					sink.error(connected.cause());
				}
			});
			sink.onDispose(() -> connecting.channel().close());
		});
	}

	/**
	 * Joins {@code room} straight on Hub as {@code username} (the websocket baseline) and
	 * hands {@code subscriber} each frame as text, on the connection's event loop (dealt
	 * in turn like the streams); completes when Hub closes the socket, fails if it
	 * breaks.
	 */
	Mono<Void> hubUser(URI socketUrl, String room, String username, BenchSubscriber subscriber) {
		HttpClient.WebsocketSender client = this.hubUsers
			.get(Math.floorMod(this.next.getAndIncrement(), this.hubUsers.size()));
		return client.uri(socketUrl).handle((in, out) -> {
			Flux<String> frames = Flux.concat(Mono.just(HubFrames.join(room, username, BenchSubscriber.JOIN_REF)),
					Flux.interval(HEARTBEAT).map((tick) -> HubFrames.heartbeat()));
			Mono<Void> sending = out.sendString(frames).then().then(Mono.never());
			// read in onNext: Reactor Netty releases each frame once onNext returns
			Mono<Void> receiving = in.aggregateFrames(MAX_FRAME)
				.receive()
				.doOnNext((frame) -> subscriber.receiveFrame(frame.toString(StandardCharsets.UTF_8), BenchClock.now()))
				.then();
			return Mono.firstWithSignal(receiving, sending);
		}).then();
	}

	/** A client for websockets, on the tool's first loop. */
	HttpClient websockets() {
		return HttpClient.create(ConnectionProvider.newConnection()).runOn(this.loops.get(0));
	}

	/** A client for REST posts, on the tool's last loop, with its own pool. */
	HttpClient rest() {
		return HttpClient.create(this.restConnections).runOn(this.loops.get(this.loops.size() - 1));
	}

	/** The tool's event loops. */
	List<EventLoopGroup> eventLoops() {
		return this.loops.stream().map((loop) -> loop.onClient(true)).toList();
	}

	@Override
	public void close() {
		this.restConnections.dispose();
		this.loops.forEach(LoopResources::dispose);
	}

	/**
	 * One stream's connection: sends the request, and hands each read to the subscriber
	 * with the time it arrived.
	 */
	private static final class StreamReader extends ChannelInboundHandlerAdapter {

		private final URI uri;

		private final BenchSubscriber subscriber;

		private final MonoSink<Void> sink;

		private final SseResponseDecoder response;

		StreamReader(URI uri, BenchSubscriber subscriber, MonoSink<Void> sink) {
			this.uri = uri;
			this.subscriber = subscriber;
			this.sink = sink;
			this.response = new SseResponseDecoder(subscriber);
		}

		@Override
		public void channelActive(ChannelHandlerContext context) {
			String request = "GET " + this.uri.getRawPath()
					+ ((this.uri.getRawQuery() != null) ? "?" + this.uri.getRawQuery() : "") + " HTTP/1.1\r\nHost: "
					+ this.uri.getHost() + ":" + this.uri.getPort() + "\r\nAccept: text/event-stream\r\n\r\n";
			context.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
			context.fireChannelActive();
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			ByteBuf bytes = (ByteBuf) message;
			try {
				this.subscriber.receive(this.response, bytes, BenchClock.now());
			}
			catch (RuntimeException ex) {
				fail(context, ex);
				return;
			}
			finally {
				bytes.release();
			}
			if (this.response.status() != 0 && this.response.status() != 200) {
				fail(context, new IllegalStateException("GET " + this.uri + " answered " + this.response.status()));
			}
			else if (this.response.ended()) {
				this.sink.success();
				context.close();
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			if (this.response.ended() || this.response.endsWithTheConnection()) {
				this.sink.success();
			}
			else {
				this.sink.error(new IOException("the connection closed before the stream ended: " + this.uri));
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			fail(context, cause);
		}

		private void fail(ChannelHandlerContext context, Throwable cause) {
			this.sink.error(cause);
			context.close();
		}

	}

}
