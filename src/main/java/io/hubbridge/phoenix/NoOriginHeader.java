package io.hubbridge.phoenix;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Removes the {@code Origin} header that Netty's websocket handshaker adds by itself: the
 * bridge is not a browser, and Phoenix's origin check answers 403 to an Origin it does
 * not expect.
 */
@ChannelHandler.Sharable
final class NoOriginHeader extends ChannelOutboundHandlerAdapter {

	static final String NAME = "hubbridge.noOriginHeader";

	static final NoOriginHeader INSTANCE = new NoOriginHeader();

	private NoOriginHeader() {
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof HttpRequest request) {
			request.headers().remove(HttpHeaderNames.ORIGIN);
		}
		ctx.write(msg, promise);
	}

}
