package io.hubbridge.phoenix;

import javax.net.ssl.SSLException;

import io.hubbridge.phoenix.Disconnect.Kind;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.jspecify.annotations.Nullable;

/**
 * Turns how Reactor Netty reports the end of a websocket (an error, a close status, or
 * neither) into a {@link Disconnect} or, before the join was answered, a
 * {@link ConnectFailedException}.
 */
final class SocketEnd {

	private static final int MESSAGE_TOO_BIG = 1009;

	private SocketEnd() {
	}

	/**
	 * Why a socket ended that this side did not close.
	 * @param error what the session failed with, if it failed
	 * @param closeStatus the close frame the server sent, if any
	 */
	static Disconnect disconnect(@Nullable Throwable error, @Nullable WebSocketCloseStatus closeStatus) {
		if (error instanceof DecoderException) {
			Integer status = (error instanceof CorruptedWebSocketFrameException corrupted)
					? corrupted.closeStatus().code()
					: (error instanceof TooLongFrameException) ? MESSAGE_TOO_BIG : null;
			return new Disconnect(Kind.DECODE_ERROR, status, describe(error));
		}
		if (closeStatus != null) {
			return new Disconnect(Kind.SOCKET_CLOSED, closeStatus.code(), closeStatus.reasonText());
		}
		String reason = (error != null) ? describe(error) : "connection lost without a close frame";
		return new Disconnect(Kind.SOCKET_CLOSED, null, reason);
	}

	/**
	 * Why a join failed because its socket could not be opened or ended first.
	 * @param url the socket URL as it may be shown (secrets masked)
	 */
	static ConnectFailedException joinFailure(String url, @Nullable Throwable error, Disconnect disconnect) {
		if (error instanceof WebSocketClientHandshakeException handshake) {
			HttpResponse response = handshake.response();
			Integer status = (response != null) ? response.status().code() : null;
			return new ConnectFailedException("websocket handshake with " + url + " failed: " + handshake.getMessage(),
					status, error);
		}
		SSLException tls = tlsFailure(error);
		if (tls != null) {
			// untrusted certificate, a host name it does not name, no common protocol
			return new ConnectFailedException("TLS handshake with " + url + " failed: " + tls.getMessage(), error);
		}
		if (error != null) {
			return new ConnectFailedException("could not connect to " + url + ": " + describe(error), error);
		}
		return new ConnectFailedException("socket to " + url + " closed before the join reply: " + disconnect, null);
	}

	private static @Nullable SSLException tlsFailure(@Nullable Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException tls) {
				return tls;
			}
		}
		return null;
	}

	private static String describe(Throwable error) {
		String message = error.getMessage();
		return error.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
