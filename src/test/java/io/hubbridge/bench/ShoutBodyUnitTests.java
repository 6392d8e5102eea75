package io.hubbridge.bench;

import java.nio.charset.StandardCharsets;

import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShoutBodyUnitTests {

	@Test
	void sequenceAndSendTimeAreReadBackFromAShoutEventsData() {
		String body = ShoutBody.format(42, 123_456_789_012L, 0);
		String data = "{\"room\":\"r\",\"name\":\"bench\",\"body\":\"" + body
				+ "\",\"receivedAt\":\"2026-11-28T00:00:00Z\",\"extra\":{}}";
		assertThat(body).isEqualTo("42 123456789012");
		assertThat(ShoutBody.sequence(data)).isEqualTo(42);
		assertThat(ShoutBody.sentNanos(data)).isEqualTo(123_456_789_012L);
		byte[] bytes = ("xx" + data + "yy").getBytes(StandardCharsets.UTF_8);
		AsciiString read = new AsciiString(bytes, 2, bytes.length - 4, false);
		assertThat(ShoutBody.sequence(read)).as("from bytes").isEqualTo(42);
		assertThat(ShoutBody.sentNanos(read)).as("from bytes").isEqualTo(123_456_789_012L);
	}

	@Test
	void paddedBodiesReachTheSizeAndStillParse() {
		String body = ShoutBody.format(7, 99, 64);
		assertThat(body).hasSize(64).startsWith("7 99x");
		String data = "{\"body\":\"" + body + "\"}";
		assertThat(ShoutBody.sequence(data)).isEqualTo(7);
		assertThat(ShoutBody.sentNanos(data)).isEqualTo(99);
	}

	@Test
	void shoutsThatAreNotTheBenchmarksAreRecognised() {
		assertThat(ShoutBody.sequence("{\"body\":\"hello\"}")).isEqualTo(ShoutBody.NONE);
		assertThat(ShoutBody.sentNanos("{\"body\":\"12\"}")).isEqualTo(ShoutBody.NONE);
		assertThat(ShoutBody.sequence("{\"name\":\"x\"}")).isEqualTo(ShoutBody.NONE);
		assertThat(ShoutBody.sentNanos("{\"body\":\"1 2y\"}")).isEqualTo(ShoutBody.NONE);
	}

}
