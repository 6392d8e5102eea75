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

	/** How many bytes the text takes in UTF-8, without encoding it. */
	static long utf8Length(String text) {
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				// lone surrogates are written as '?' by the encoder: 3 is an upper bound
				bytes += 3;
			}
		}
		return bytes;
	}

}
