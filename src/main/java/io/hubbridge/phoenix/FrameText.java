package io.hubbridge.phoenix;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;

/**
 * The text of a data frame. Binary frames are read as UTF-8 JSON, as Phoenix does.
 */
final class FrameText {

	private FrameText() {
	}

	/**
	 * The frame's text, or {@code null} for control frames (pong) that carry no message.
	 * @throws MalformedFrameException if a binary frame is not UTF-8
	 */
	static @Nullable String of(WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame text) {
			return text.text();
		}
		if (frame instanceof BinaryWebSocketFrame) {
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(frame.content().nioBuffer())
					.toString();
			}
			catch (CharacterCodingException ex) {
				throw new MalformedFrameException("binary frame is not UTF-8");
			}
		}
		return null;
	}

}
