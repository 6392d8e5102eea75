package io.hubbridge.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.hubbridge.support.SseBytesParser;
import io.hubbridge.support.SseEvent;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The tool's HTTP side: its own event loops (so that they can be measured), pooled
 * Reactor Netty {@link HttpClient}s for the streams with a connection per stream, and
 * clients for the publishers on the same loops. Streams are parsed on their event loop as
 * bytes arrive ({@link SseBytesParser}), with no queue or thread per stream.
 */
final class BenchStreams implements AutoCloseable {

	/** Unpooled and untracked: buffers live only while a chunk is parsed. */
	private static final ByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(true, true);

	private static final int MAX_FRAME = 16 * 1024 * 1024;

	/** Hub closes sockets silent for 45 s. */
	private static final Duration HEARTBEAT = Duration.ofSeconds(30);

	private final List<LoopResources> loops = new ArrayList<>();

	private final List<ConnectionProvider> pools = new ArrayList<>();

	private final List<HttpClient> streams = new ArrayList<>();

	private final List<HttpClient.WebsocketSender> hubUsers = new ArrayList<>();

	private final AtomicInteger next = new AtomicInteger();

	private final ConnectionProvider restConnections;

	/**
	 * @param maxStreams streams open at once
	 * @param threads event loops; streams are dealt to them in turn
	 */
	BenchStreams(int maxStreams, int threads) {
		// one single-threaded loop group (and client) per thread, streams dealt in turn:
		// a shared group placed every connection on the same loop
		for (int i = 0; i < threads; i++) {
			LoopResources loop = LoopResources.create("bench-" + i, -1, 1, true, false);
			ConnectionProvider pool = ConnectionProvider.builder("bench-streams-" + i)
				.maxConnections(maxStreams)
				.pendingAcquireMaxCount(-1)
				.build();
			this.loops.add(loop);
			this.pools.add(pool);
			this.streams.add(HttpClient.create(pool)
				.runOn(loop)
				.option(ChannelOption.ALLOCATOR, UNTRACKED)
				.headers((headers) -> headers.set("Accept", "text/event-stream")));
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
		HttpClient client = this.streams.get(Math.floorMod(this.next.getAndIncrement(), this.streams.size()));
		return client.get().uri(url).response((response, body) -> {
			if (response.status().code() != 200) {
				return Mono.error(new IllegalStateException("GET " + url + " answered " + response.status()));
			}
			SseBytesParser parser = new SseBytesParser();
			// parsed in onNext: Reactor Netty releases each buffer once onNext returns
			return body.doOnNext((chunk) -> {
				List<SseEvent> events = parser.feed(chunk);
				if (!events.isEmpty()) {
					subscriber.receive(events, BenchClock.now());
				}
			}).then();
		}).then();
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
		this.pools.forEach(ConnectionProvider::dispose);
		this.restConnections.dispose();
		this.loops.forEach(LoopResources::dispose);
	}

}
