package io.hubbridge.api;

import java.nio.charset.StandardCharsets;

import io.hubbridge.support.RawHttp;
import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer given before the request's body was read closes the connection, so that no
 * next request waits behind the unread rest; an answer after the body was read keeps it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class UnreadBodiesIntegrationTests extends RunningBridge {

	private static final byte[] SHOUT = "{\"name\":\"robin\",\"body\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

	@Test
	void aRefusalBeforeTheBodyWasReadClosesTheConnection() throws Exception {
		RawHttp.Response refused = RawHttp.exchange(this.port, post("text/plain"), SHOUT, true);
		assertThat(refused.status()).isEqualTo(415);
		assertThat(refused.headers()).containsEntry("connection", "close");
	}

	@Test
	void anAnswerAfterTheBodyWasReadKeepsTheConnection() throws Exception {
		joinedStream("unread").close();
		RawHttp.Response created = RawHttp.exchange(this.port, post("application/json"), SHOUT, true);
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.headers()).doesNotContainKey("connection");
	}

	private static String post(String contentType) {
		return "POST /api/rooms/unread/shouts HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
				+ "\r\nContent-Length: " + SHOUT.length + "\r\n";
	}

}
