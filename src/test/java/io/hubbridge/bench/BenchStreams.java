package io.hubbridge.bench;

import java.util.List;

import io.hubbridge.support.SseBytesParser;
import io.hubbridge.support.SseEvent;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The tool's HTTP side: its own event loops (so that they can be measured), one pooled
 * Reactor Netty {@link HttpClient} for the streams with a connection per stream, and
 * clients for the publishers on the same loops. Streams are parsed on their event loop as
 * bytes arrive ({@link SseBytesParser}), with no queue or thread per stream.
 */
final class BenchStreams implements AutoCloseable {

	/** Unpooled and untracked: buffers live only while a chunk is parsed. */
	private static final ByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(true, true);

	private final LoopResources loops;

	private final ConnectionProvider streamConnections;

	private final ConnectionProvider restConnections;

	private final HttpClient streams;

	BenchStreams(int maxStreams, int threads) {
		// not colocated: a stream opened from an event loop (the next one, as the last
		// connects)
		// would otherwise stay on that loop, and every stream would end up on one
		this.loops = LoopResources.create("bench", -1, threads, true, false);
		this.streamConnections = ConnectionProvider.builder("bench-streams")
			.maxConnections(maxStreams)
			.pendingAcquireMaxCount(-1)
			.build();
		this.restConnections = ConnectionProvider.builder("bench-rest")
			.maxConnections(1024)
			.pendingAcquireMaxCount(-1)
			.build();
		this.streams = HttpClient.create(this.streamConnections)
			.runOn(this.loops)
			.option(ChannelOption.ALLOCATOR, UNTRACKED)
			.headers((headers) -> headers.set("Accept", "text/event-stream"));
	}

	/**
	 * Streams {@code url} into {@code subscriber} until the bridge ends the stream (then
	 * completes) or it fails; cancelling closes the connection.
	 */
	Mono<Void> stream(String url, BenchSubscriber subscriber) {
		return this.streams.get().uri(url).response((response, body) -> {
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

	/** A client for websockets, on the tool's loops. */
	HttpClient websockets() {
		return HttpClient.create(ConnectionProvider.newConnection()).runOn(this.loops);
	}

	/** A client for REST posts, on the tool's loops, with its own pool. */
	HttpClient rest() {
		return HttpClient.create(this.restConnections).runOn(this.loops);
	}

	/** The tool's event loops. */
	EventLoopGroup eventLoops() {
		return this.loops.onClient(true);
	}

	@Override
	public void close() {
		this.streamConnections.dispose();
		this.restConnections.dispose();
		this.loops.dispose();
	}

}
