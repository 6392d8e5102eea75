package io.hubbridge.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hubbridge.support.TcpProxy;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fault-injecting proxy itself, over real sockets in front of an echo server that can
 * also push on its own.
 */
class TcpProxyTests {

	/** How long "nothing arrives" is watched for; only absence is checked this way. */
	private static final int QUIET_MILLIS = 300;

	private final BlockingQueue<String> serverReceived = new LinkedBlockingQueue<>();

	private final Sinks.Many<String> serverPushes = Sinks.many().multicast().directBestEffort();

	private final AtomicInteger serverClosed = new AtomicInteger();

	private DisposableServer echo;

	private TcpProxy proxy;

	@BeforeEach
	void start() {
		this.echo = TcpServer.create().host("127.0.0.1").port(0).handle((in, out) -> {
			in.withConnection((connection) -> connection.onDispose(this.serverClosed::incrementAndGet));
			Flux<String> echoed = in.receive().asString().doOnNext(this.serverReceived::add);
			return out.sendString(Flux.merge(echoed, this.serverPushes.asFlux()));
		}).bindNow();
		this.proxy = TcpProxy.to(this.echo.port());
	}

	@AfterEach
	void stop() {
		this.proxy.close();
		this.echo.disposeNow();
	}

	@Test
	void forwardsBothWaysUntilCutThenBothSidesAreClosed() throws IOException {
		try (Socket client = connect()) {
			send(client, "hello");
			assertThat(read(client, 5)).isEqualTo("hello");
			assertThat(this.proxy.connections()).isEqualTo(1);
			this.proxy.cut();
			assertClosed(client);
			assertThat(this.proxy.connections()).isZero();
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.serverClosed).hasValue(1));
		}
	}

	@Test
	void blackHoleStallsBothDirectionsWithoutClosingThenRestoreDeliversWhatWaited() throws Exception {
		try (Socket client = connect()) {
			send(client, "a");
			assertThat(read(client, 1)).isEqualTo("a");
			assertThat(this.serverReceived.take()).isEqualTo("a");
			this.proxy.blackHole();
			send(client, "up");
			this.serverPushes.tryEmitNext("down");
			assertNothingArrives(client);
			assertThat(this.serverReceived).as("nothing reached the server either").isEmpty();
			assertThat(this.proxy.connections()).as("still open").isEqualTo(1);
			this.proxy.restore();
			assertThat(this.serverReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("up");
			assertThat(read(client, 6)).isIn("downup", "updown");
		}
	}

	@Test
	void refusedConnectionsAreClosedAtOnceAndAcceptedAgainAfterwards() throws IOException {
		this.proxy.refuse();
		try (Socket refused = connect()) {
			assertClosed(refused);
		}
		this.proxy.accept();
		try (Socket client = connect()) {
			send(client, "back");
			assertThat(read(client, 4)).isEqualTo("back");
		}
		assertThat(this.proxy.accepted()).isEqualTo(2);
	}

	@Test
	void slowDelaysEveryChunkInEachDirection() throws IOException {
		try (Socket client = connect()) {
			this.proxy.slow(Duration.ofMillis(200));
			long start = System.nanoTime();
			send(client, "slow");
			assertThat(read(client, 4)).isEqualTo("slow");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
			this.proxy.slow(Duration.ZERO);
			send(client, "fast");
			assertThat(read(client, 4)).isEqualTo("fast");
		}
	}

	@Test
	void closingTheProxyClosesEveryConnection() throws IOException {
		try (Socket client = connect()) {
			send(client, "x");
			assertThat(read(client, 1)).isEqualTo("x");
			this.proxy.close();
			assertClosed(client);
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.proxy.port());
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
	}

	private static String read(Socket socket, int length) throws IOException {
		byte[] bytes = new byte[length];
		InputStream in = socket.getInputStream();
		int read = 0;
		while (read < length) {
			int count = in.read(bytes, read, length - read);
			assertThat(count).as("bytes before EOF").isPositive();
			read += count;
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static void assertClosed(Socket socket) throws IOException {
		try {
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
		catch (SocketException reset) {
			// a reset is a close too
		}
	}

	private static void assertNothingArrives(Socket socket) throws IOException {
		socket.setSoTimeout(QUIET_MILLIS);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> socket.getInputStream().read());
		socket.setSoTimeout(10_000);
	}

}
