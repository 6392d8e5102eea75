package io.hubbridge.room;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A room event's bytes: its frame, and the same frame as a chunk of a chunked body. */
class RoomEventUnitTests {

	@Test
	void theChunkIsTheFrameWithItsSizeInHexAndTheWireIsTheFrameInTheSameMemory() {
		byte[] frame = "id: e1-1\nevent: shout\ndata: {\"body\":\"hé\"}\n\n".getBytes(StandardCharsets.UTF_8);
		RoomEvent event = event(frame);
		assertThat(text(event.chunk()))
			.isEqualTo(Integer.toHexString(frame.length) + "\r\n" + new String(frame, StandardCharsets.UTF_8) + "\r\n");
		assertThat(bytes(event.wire())).isEqualTo(frame);
		assertThat(event.wire().isDirect()).isTrue();
		assertThat(event.wire().isReadOnly()).isTrue();
		assertThat(event.chunk().release()).as("never released").isFalse();
		assertThat(event.chunk().readableBytes())
			.isEqualTo(frame.length + Integer.toHexString(frame.length).length() + 4);
	}

	@Test
	void anEmptyFrameIsNoChunkAtAllSinceAnEmptyChunkWouldEndTheBody() {
		RoomEvent event = event(new byte[0]);
		assertThat(event.chunk().readableBytes()).isZero();
		assertThat(event.wire().remaining()).isZero();
	}

	@Test
	void eventsChunksMakeAChunkedBodyThatAnHttpDecoderReadsBackAsTheFrames() {
		String[] frames = { "id: a-1\nevent: shout\ndata: {}\n\n", ": keep-alive\n\n",
				"id: a-2\nevent: join\ndata: {\"x\":\"" + "y".repeat(5000) + "\"}\n\n" };
		EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder());
		client.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
				StandardCharsets.US_ASCII));
		for (String frame : frames) {
			client.writeInbound(event(frame.getBytes(StandardCharsets.UTF_8)).chunk().duplicate());
		}
		client.writeInbound(Unpooled.copiedBuffer("0\r\n\r\n", StandardCharsets.US_ASCII));
		StringBuilder body = new StringBuilder();
		boolean ended = false;
		for (Object message = client.readInbound(); message != null; message = client.readInbound()) {
			if (message instanceof HttpContent content) {
				body.append(content.content().toString(StandardCharsets.UTF_8));
				ended |= content instanceof LastHttpContent;
				content.release();
			}
		}
		assertThat(body.toString()).isEqualTo(String.join("", frames));
		assertThat(ended).isTrue();
		client.finishAndReleaseAll();
	}

	private static RoomEvent event(byte[] frame) {
		return new RoomEvent(new EventId("e1", 1), EventType.SHOUT, Instant.EPOCH, frame);
	}

	private static String text(ByteBuf buffer) {
		return buffer.toString(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

}
