package io.hubbridge.phoenix;

import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;

/**
 * Connects to a Phoenix socket and joins one topic on it: one websocket connection per
 * channel, speaking Phoenix channels as the Phoenix JS client does.
 */
public final class PhoenixClient {

	private final HttpClient httpClient;

	private final Scheduler timer;

	/**
	 * A client on the given HTTP client (which may bring its own loop resources), with
	 * timers on {@link Schedulers#parallel()}.
	 */
	public PhoenixClient(HttpClient httpClient) {
		this(httpClient, Schedulers.parallel());
	}

	/**
	 * A client on the given HTTP client, with connect, join, push and heartbeat timers on
	 * the given scheduler.
	 */
	public PhoenixClient(HttpClient httpClient, Scheduler timer) {
		this.httpClient = httpClient.doOnChannelInit((observer, channel, address) -> channel.pipeline()
			.addBefore(NettyPipeline.ReactiveBridge, NoOriginHeader.NAME, NoOriginHeader.INSTANCE));
		this.timer = timer;
	}

	/**
	 * Opens a websocket to {@link JoinSpec#connectUrl()} (the socket URL with
	 * {@code vsn}), sends {@code phx_join(topic, joinPayload)}, and emits the channel
	 * once Hub replied ok. Each subscription opens its own connection.
	 * <p>
	 * The listener receives, synchronously on the connection's event loop and in arrival
	 * order, every message on the topic that is not a reply: from the first one after the
	 * ok reply (so {@code presence_state} is never lost) until the channel ends. A
	 * listener that throws is logged and the connection carries on.
	 * <p>
	 * Fails with {@link ConnectFailedException} (refused, handshake error such as 403,
	 * connect timeout, closed before the reply), {@link JoinRefusedException} (error
	 * reply) or {@link JoinTimeoutException}; the socket is closed before the failure is
	 * signalled. Cancelling closes the socket.
	 */
	public Mono<PhoenixChannel> join(JoinSpec spec, Consumer<Message> listener) {
		return Mono.defer(() -> new UpstreamConnection(spec, listener, this.timer).open(this.httpClient));
	}

}
