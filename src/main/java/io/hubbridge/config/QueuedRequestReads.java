package io.hubbridge.config;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Keeps the server reading a kept-alive connection after a queued request. Reactor
 * Netty's server queues a request that arrives while the one before is still being
 * handled; when the queued request was answered before the end of its own request was
 * taken (a {@code 404}, a refusal), the queue's last entry was that end, and nothing
 * asked to read the connection again: the client's next request was never answered
 * (reactor/reactor-netty#4361, in 1.3.x up to at least the 1.3.8 served here; the fix
 * came after). A handler in front of Reactor Netty's bridge asks for the next read when a
 * request's end arrives and no request is being handled. Remove it once the Reactor Netty
 * in use has the fix.
 */
@Component
class QueuedRequestReads implements NettyServerCustomizer {

	private static final String NAME = "hubbridge.readAfterQueuedRequest";

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, address) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
				pipeline.addBefore(NettyPipeline.ReactiveBridge, NAME, ReadAfterQueuedRequest.INSTANCE);
			}
			else {
				// the bridge is added after this, at the end
				pipeline.addLast(NAME, ReadAfterQueuedRequest.INSTANCE);
			}
		});
	}

	@ChannelHandler.Sharable
	private static final class ReadAfterQueuedRequest extends ChannelInboundHandlerAdapter {

		static final ReadAfterQueuedRequest INSTANCE = new ReadAfterQueuedRequest();

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			boolean requestEnded = message instanceof LastHttpContent;
			context.fireChannelRead(message);
			// a request being handled asks for the next read itself when it ends
			if (requestEnded && ChannelOperations.get(context.channel()) == null) {
				context.read();
			}
		}

	}

}
