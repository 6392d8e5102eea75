package io.hubbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;
import reactor.netty.tcp.TcpSslContextSpec;

/**
 * A TLS-terminating TCP proxy on {@code 127.0.0.1} (port 0) in front of a plain target,
 * such as the embedded Hub: what a {@code wss://} Hub looks like to the bridge. It serves
 * {@code src/test/resources/tls/localhost.pem} (a certificate for {@code localhost} only,
 * signed by the test CA {@code tls/ca.pem}).
 */
public final class TlsProxy implements AutoCloseable {

	/** The test CA that signed the proxy's certificate, as a Spring resource location. */
	public static final String CA_LOCATION = "classpath:tls/ca.pem";

	private final DisposableServer server;

	private TlsProxy(InetSocketAddress target) {
		TcpSslContextSpec tls = TcpSslContextSpec.forServer(resource("tls/localhost.pem"),
				resource("tls/localhost.key"));
		this.server = TcpServer.create()
			.host("127.0.0.1")
			.port(0)
			.secure((spec) -> spec.sslContext(tls))
			.handle((in, out) -> forward(in, out, target))
			.bindNow();
	}

	/** A proxy with TLS on a free port of 127.0.0.1, forwarding to the target. */
	public static TlsProxy to(InetSocketAddress target) {
		return new TlsProxy(target);
	}

	public int port() {
		return this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	private static Mono<Void> forward(NettyInbound in, NettyOutbound out, InetSocketAddress target) {
		return TcpClient.newConnection()
			.remoteAddress(() -> target)
			.connect()
			.flatMap((upstream) -> pipe(in, out, upstream));
	}

	private static Mono<Void> pipe(NettyInbound in, NettyOutbound out, Connection upstream) {
		Mono<Void> clientToTarget = upstream.outbound()
			.send(in.receive().retain())
			.then()
			.doFinally((signal) -> upstream.dispose());
		Mono<Void> targetToClient = out.send(upstream.inbound().receive().retain())
			.then()
			.doFinally((signal) -> in.withConnection(Connection::dispose));
		return Mono.when(clientToTarget, targetToClient).onErrorResume((ex) -> Mono.empty());
	}

	private static InputStream resource(String name) {
		InputStream stream = TlsProxy.class.getClassLoader().getResourceAsStream(name);
		if (stream == null) {
			throw new UncheckedIOException(new IOException("no resource " + name));
		}
		return stream;
	}

}
