package io.hubbridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.hubbridge.support.RawHttp;
import io.hubbridge.support.RunningBridge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kept-alive connection goes on being read after a request that arrived while the one
 * before was still being handled (so Reactor Netty queued it) and that was answered at
 * once, before the end of its own request was taken: Reactor Netty 1.3's server then
 * stopped reading the connection (reactor/reactor-netty#4361), and the client's next
 * request got no answer at all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bridge.embedded-hub.port=0")
class PipelinedRequestsIntegrationTests extends RunningBridge {

	/** Answered on another thread: long enough for the next request to be queued. */
	private static final String SLOW = "/actuator/health/liveness";

	@ParameterizedTest
	@ValueSource(strings = { "/no-such-page", "/api/rooms/not%20a%20room/events" })
	void theNextRequestIsAnsweredAfterAQueuedRequestWasAnsweredAtOnce(String answeredAtOnce) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			// one write: the second request is read while the first is handled
			out.write((get(SLOW) + get(answeredAtOnce)).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(RawHttp.read(in).status()).isEqualTo(200);
			int queued = RawHttp.read(in).status();
			assertThat(queued).isBetween(400, 499);

			out.write(get(SLOW).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(RawHttp.read(in).status()).as("the request after them").isEqualTo(200);
		}
	}

	private String get(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nAccept: application/json\r\n\r\n";
	}

}
