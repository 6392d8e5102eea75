package io.hubbridge.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.hubbridge.support.SseEvent;
import io.hubbridge.support.SseParser;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The tool's decoder reads the events the reference {@link SseParser} reads out of the
 * body, however the response is split into reads and its body into chunks.
 */
class SseResponseDecoderUnitTests {

	private static final String STREAM = "retry: 2000\n\n: hello\r\n" + "id: e1-1\nevent: presence\ndata: {\"a\":1}\n\n"
			+ "id: e1-2\r\nevent: shout\r\ndata: line one\r\ndata:line two\r\n\r\n" + "data: no id or type\r\r"
			+ "event: typing\nid\ndata: ünïcödé ✓ 𝄞\n\n" + ": keep-alive\n\n" + "id: e1-3\nevent:upstream\ndata\n\n"
			+ "unknown: field\nevent: shoutx\ndata: last\n\n" + "data: never dispatched";

	private static final String HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
			+ "Transfer-Encoding: chunked\r\n\r\n";

	@Test
	void readsTheEventsOfAChunkedBodyWhateverTheReadsAndChunks() {
		List<Decoded> expected = new SseParser().feed(STREAM).stream().map(Decoded::of).toList();
		assertThat(expected).extracting(Decoded::type)
			.containsExactly(SseResponseDecoder.Type.PRESENCE, SseResponseDecoder.Type.SHOUT,
					SseResponseDecoder.Type.OTHER, SseResponseDecoder.Type.OTHER, SseResponseDecoder.Type.UPSTREAM,
					SseResponseDecoder.Type.OTHER);
		byte[] stream = STREAM.getBytes(StandardCharsets.UTF_8);
		Random random = new Random(11);
		for (int round = 0; round < 200; round++) {
			byte[] response = response(stream, random, (round % 2 == 0) ? 3 : 100);
			List<Decoded> events = new ArrayList<>();
			SseResponseDecoder decoder = new SseResponseDecoder((type, data, length) -> events
				.add(new Decoded(type, new String(data, 0, length, StandardCharsets.UTF_8))));
			int offset = 0;
			while (offset < response.length) {
				int length = Math.min(response.length - offset, 1 + random.nextInt((round % 2 == 0) ? 4 : 64));
				decoder.feed(Unpooled.wrappedBuffer(response, offset, length));
				offset += length;
			}
			assertThat(events).as("round %d", round).isEqualTo(expected);
			assertThat(decoder.status()).isEqualTo(200);
			assertThat(decoder.ended()).as("the last chunk read").isTrue();
		}
	}

	@Test
	void aBodyWithoutChunksLastsUntilTheConnectionEnds() {
		List<Decoded> events = new ArrayList<>();
		SseResponseDecoder decoder = new SseResponseDecoder((type, data, length) -> events
			.add(new Decoded(type, new String(data, 0, length, StandardCharsets.UTF_8))));
		byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + "event: shout\ndata: one\n\n")
			.getBytes(StandardCharsets.UTF_8);
		decoder.feed(response, 0, response.length);
		assertThat(events).containsExactly(new Decoded(SseResponseDecoder.Type.SHOUT, "one"));
		assertThat(decoder.ended()).isFalse();
		assertThat(decoder.endsWithTheConnection()).isTrue();
	}

	@Test
	void aRefusalIsReadAsItsStatus() {
		SseResponseDecoder decoder = new SseResponseDecoder((type, data, length) -> {
		});
		byte[] response = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\n{}"
			.getBytes(StandardCharsets.US_ASCII);
		decoder.feed(response, 0, response.length);
		assertThat(decoder.status()).isEqualTo(503);
	}

	@Test
	void bytesThatAreNotAnHttpResponseAreRefused() {
		SseResponseDecoder decoder = new SseResponseDecoder((type, data, length) -> {
		});
		byte[] garbage = "SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThatIllegalStateException().isThrownBy(() -> decoder.feed(garbage, 0, garbage.length))
			.withMessageContaining("not an HTTP/1.x response");
	}

	/**
	 * The head, then the stream in chunks of random sizes (with an extension now and
	 * then), then the end.
	 */
	private static byte[] response(byte[] stream, Random random, int maxChunk) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(HEAD.getBytes(StandardCharsets.US_ASCII));
		int offset = 0;
		while (offset < stream.length) {
			int length = Math.min(stream.length - offset, 1 + random.nextInt(maxChunk));
			String extension = random.nextInt(10) == 0 ? ";name=value" : "";
			out.writeBytes((Integer.toHexString(length) + extension + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(stream, offset, length);
			out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			offset += length;
		}
		out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	private record Decoded(SseResponseDecoder.Type type, String data) {

		static Decoded of(SseEvent event) {
			SseResponseDecoder.Type type = switch (event.event()) {
				case "shout" -> SseResponseDecoder.Type.SHOUT;
				case "presence" -> SseResponseDecoder.Type.PRESENCE;
				case "upstream" -> SseResponseDecoder.Type.UPSTREAM;
				default -> SseResponseDecoder.Type.OTHER;
			};
			return new Decoded(type, event.data());
		}

	}

}
