package io.hubbridge.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte parser dispatches what the reference {@link SseParser} does, however split.
 */
class SseBytesParserUnitTests {

	private static final String STREAM = "retry: 2000\n\n: hello\r\n" + "id: e1-1\nevent: presence\ndata: {\"a\":1}\n\n"
			+ "id: e1-2\r\nevent: shout\r\ndata: line one\r\ndata:line two\r\n\r\n" + "data: no id or type\r\r"
			+ "event: typing\nid\ndata: ünïcödé ✓ 𝄞\n\n" + ": keep-alive\n\n" + "id: e1-3\nevent:reset\ndata\n\n"
			+ "unknown: field\ndata: last\n\n" + "data: never dispatched";

	@Test
	void dispatchesTheSameEventsAsTheReferenceParserWhateverTheChunking() {
		List<SseEvent> expected = new SseParser().feed(STREAM);
		assertThat(expected).hasSize(6);
		byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
		Random random = new Random(7);
		for (int round = 0; round < 200; round++) {
			SseBytesParser parser = new SseBytesParser();
			List<SseEvent> events = new ArrayList<>();
			int offset = 0;
			while (offset < bytes.length) {
				int length = Math.min(bytes.length - offset, 1 + random.nextInt((round % 2 == 0) ? 4 : 64));
				events.addAll(parser.feed(bytes, offset, length));
				offset += length;
			}
			assertThat(events).as("round %d", round).isEqualTo(expected);
			assertThat(parser.comments()).isEqualTo(2);
			assertThat(parser.lastComment()).isEqualTo("keep-alive");
		}
	}

	@Test
	void carriesLargeDataLines() {
		String body = "x".repeat(200_000);
		SseBytesParser parser = new SseBytesParser();
		byte[] bytes = ("id: 1\nevent: shout\ndata: " + body + "\n\n").getBytes(StandardCharsets.UTF_8);
		assertThat(parser.feed(bytes, 0, bytes.length)).containsExactly(new SseEvent("1", "shout", body));
	}

}
