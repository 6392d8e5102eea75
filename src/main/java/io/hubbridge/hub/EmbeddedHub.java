package io.hubbridge.hub;

import io.hubbridge.phoenix.PhoenixEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A faithful, in-process Hub: Phoenix 1.4.2's websocket transport with Hub's room channel
 * and presence, on Reactor Netty. Used as the upstream when no Hub URL is configured, and
 * by tests, which can also stop, kill and restart it.
 */
public final class EmbeddedHub implements PhoenixEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedHub.class);

	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

	private final String host;

	private final int port;

	private final Duration idleTimeout;

	private @Nullable DisposableServer server;

	private @Nullable HubRegistry registry;

	private int boundPort;

	/**
	 * @param host the address to listen on
	 * @param port the port to listen on, 0 for a free one (kept across restarts)
	 * @param idleTimeout a socket from which no frame arrives for this long is closed
	 * (Hub: 45 s)
	 */
	public EmbeddedHub(String host, int port, Duration idleTimeout) {
		this.host = host;
		this.port = port;
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Listen, with empty presence. Binds before returning; a hub started again after
	 * {@link #stop()} or {@link #kill()} listens on the same port.
	 */
	public synchronized void start() {
		if (this.server != null) {
			throw new IllegalStateException("The embedded Hub is already running on port " + this.boundPort);
		}
		HubRegistry fresh = new HubRegistry();
		int listenPort = (this.boundPort != 0) ? this.boundPort : this.port;
		this.server = HttpServer.create()
			.host(this.host)
			.port(listenPort)
			.handle(new HubEndpoint(fresh, this.idleTimeout))
			.bindNow(BIND_TIMEOUT);
		this.registry = fresh;
		this.boundPort = this.server.port();
		logger.info("Embedded Hub listening on {}", socketUrl());
	}

	/**
	 * Stop as Hub does on SIGTERM: every joined channel gets {@code phx_error}, then TCP
	 * closes without a close frame. Presence is forgotten.
	 */
	public synchronized void stop() {
		List<HubSocket> sockets = unbind();
		sockets.forEach(HubSocket::shutdown);
		if (!sockets.isEmpty()) {
			logger.info("Embedded Hub stopped; {} connection(s) closed", sockets.size());
		}
	}

	/** Stop as Hub does on SIGKILL: every connection drops at once, no frame sent. */
	public synchronized void kill() {
		List<HubSocket> sockets = unbind();
		sockets.forEach(HubSocket::abort);
		logger.info("Embedded Hub killed; {} connection(s) dropped", sockets.size());
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/** The port listened on (or last listened on, once stopped). */
	public synchronized int port() {
		if (this.boundPort == 0) {
			if (this.port == 0) {
				throw new IllegalStateException("The embedded Hub has not been started");
			}
			return this.port;
		}
		return this.boundPort;
	}

	/** {@code ws://HOST:PORT/socket/websocket}, the URL clients connect to. */
	public URI socketUrl() {
		return URI.create("ws://" + urlHost() + ":" + port() + HubEndpoint.SOCKET_PATH);
	}

	/** How many websocket connections are open, for tests and diagnostics. */
	public synchronized int connections() {
		return (this.registry != null) ? this.registry.socketCount() : 0;
	}

	private List<HubSocket> unbind() {
		DisposableServer current = this.server;
		HubRegistry currentRegistry = this.registry;
		this.server = null;
		this.registry = null;
		if (current == null || currentRegistry == null) {
			return List.of();
		}
		current.disposeNow(BIND_TIMEOUT);
		return currentRegistry.close();
	}

	private String urlHost() {
		if (this.host.equals("0.0.0.0") || this.host.isEmpty()) {
			return "127.0.0.1";
		}
		if (this.host.equals("::")) {
			return "[::1]";
		}
		return this.host.contains(":") ? "[" + this.host + "]" : this.host;
	}

}
