package io.hubbridge.support;

import java.util.function.Function;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Many SSE streams over one Reactor Netty {@link HttpClient} and one connection pool,
 * without a thread or an event queue per stream: events are parsed on the connection's
 * event loop as bytes arrive ({@link SseBytesParser}) and handed on as a {@link Flux}.
 * For tests with hundreds or thousands of subscribers; {@link SseClient} is simpler for a
 * few.
 */
public final class SseStreams implements AutoCloseable {

	private static final ByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(true, true);

	private final ConnectionProvider connections;

	private final HttpClient client;

	/**
	 * @param name names the connection pool in Reactor Netty's logs and metrics
	 * @param maxConnections how many streams may be open at once; further ones wait for a
	 * connection
	 */
	public SseStreams(String name, int maxConnections) {
		this.connections = ConnectionProvider.builder(name)
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.build();
		// the streams read many buffers: tracking each at paranoid level would slow the
		// load more than the bridge; the bridge's own buffers are still tracked
		this.client = HttpClient.create(this.connections)
			.option(ChannelOption.ALLOCATOR, UNTRACKED)
			.headers((headers) -> headers.set("Accept", "text/event-stream"));
	}

	/**
	 * The events of one stream, as each completes; {@code lastEventId} resumes. Completes
	 * when the bridge ends the stream, fails when the answer is not {@code 200} or the
	 * connection breaks; cancelling closes the connection.
	 */
	public Flux<SseEvent> events(String url, @Nullable String lastEventId) {
		HttpClient request = (lastEventId != null)
				? this.client.headers((headers) -> headers.set("Last-Event-ID", lastEventId)) : this.client;
		return request.get().uri(url).response((response, body) -> {
			if (response.status().code() != 200) {
				return Flux.error(new IllegalStateException("GET " + url + " answered " + response.status()));
			}
			SseBytesParser parser = new SseBytesParser();
			// parsed in onNext: Reactor Netty releases each buffer once onNext returns
			return body.map(parser::feed).flatMapIterable(Function.identity());
		});
	}

	@Override
	public void close() {
		this.connections.dispose();
	}

}
