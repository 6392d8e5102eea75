package io.hubbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on {@code 127.0.0.1} (port 0) in front of one target, for fault-injection
 * tests: it can cut every connection, stall them (a black hole: sockets stay open, no
 * byte moves either way), slow them, and refuse new connections. Plain NIO on one thread;
 * each direction of a connection has one bounded buffer, and a side is read only while
 * its buffer has room, so memory stays bounded whatever the peers do. Every control
 * method returns once the proxy thread has applied it.
 */
public final class TcpProxy implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TcpProxy.class);

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

	private final Selector selector;

	private final ServerSocketChannel server;

	private final Thread thread;

	private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();

	private final List<Link> links = new ArrayList<>();

	private InetSocketAddress target;

	private boolean refusing;

	private boolean blackHoled;

	private long delayNanos;

	private int accepted;

	private volatile boolean running = true;

	private TcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.selector = Selector.open();
		this.server = ServerSocketChannel.open();
		this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.server.configureBlocking(false);
		this.server.register(this.selector, SelectionKey.OP_ACCEPT);
		this.thread = new Thread(this::loop, "tcp-proxy-" + port());
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** A proxy listening on a free port of 127.0.0.1, forwarding to the target. */
	public static TcpProxy to(InetSocketAddress target) {
		try {
			return new TcpProxy(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A proxy to {@code 127.0.0.1:port}. */
	public static TcpProxy to(int port) {
		return to(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
	}

	public int port() {
		return this.server.socket().getLocalPort();
	}

	/** Closes every proxied connection at once, both sides. */
	public void cut() {
		control(() -> {
			logger.info("proxy {}: cutting {} connection(s)", port(), this.links.size());
			List.copyOf(this.links).forEach(Link::close);
		});
	}

	/** Keeps every socket open but stops forwarding in both directions. */
	public void blackHole() {
		control(() -> this.blackHoled = true);
	}

	/** Forwards again after {@link #blackHole()}; what waited is delivered. */
	public void restore() {
		control(() -> this.blackHoled = false);
	}

	/**
	 * Holds each chunk read for this long before forwarding it; {@link Duration#ZERO}
	 * forwards at once again.
	 */
	public void slow(Duration perChunk) {
		control(() -> this.delayNanos = perChunk.toNanos());
	}

	/** Closes new connections as soon as they are accepted. */
	public void refuse() {
		control(() -> this.refusing = true);
	}

	/** Forwards new connections again after {@link #refuse()}. */
	public void accept() {
		control(() -> this.refusing = false);
	}

	/** Sends new connections to another target; open ones keep theirs. */
	public void retarget(InetSocketAddress newTarget) {
		control(() -> this.target = newTarget);
	}

	/** How many proxied connections are open. */
	public int connections() {
		return query(this.links::size);
	}

	/** How many connections were accepted so far, refused ones included. */
	public int accepted() {
		return query(() -> this.accepted);
	}

	@Override
	public void close() {
		if (!this.running) {
			return;
		}
		control(() -> {
			List.copyOf(this.links).forEach(Link::close);
			this.running = false;
		});
		try {
			this.thread.join(CONTROL_TIMEOUT.toMillis());
			this.server.close();
			this.selector.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void control(Runnable command) {
		query(() -> {
			command.run();
			return null;
		});
	}

	private <T> T query(java.util.function.Supplier<T> question) {
		if (!this.running) {
			throw new IllegalStateException("proxy closed");
		}
		CompletableFuture<T> answer = new CompletableFuture<>();
		this.commands.add(() -> {
			try {
				answer.complete(question.get());
				List.copyOf(this.links).forEach(Link::updateInterest);
			}
			catch (RuntimeException ex) {
				answer.completeExceptionally(ex);
			}
		});
		this.selector.wakeup();
		try {
			return answer.get(CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("proxy did not answer", ex);
		}
	}

	// ---- the proxy thread

	private void loop() {
		try {
			while (this.running) {
				this.selector.select(selectTimeoutMillis());
				Runnable command;
				while ((command = this.commands.poll()) != null) {
					command.run();
				}
				for (SelectionKey key : this.selector.selectedKeys()) {
					handle(key);
				}
				this.selector.selectedKeys().clear();
				// delayed chunks become due without any socket event
				List.copyOf(this.links).forEach(Link::updateInterest);
			}
		}
		catch (IOException | ClosedSelectorException ex) {
			logger.warn("proxy {} stopped: {}", port(), ex.toString());
		}
		finally {
			List.copyOf(this.links).forEach(Link::close);
			this.running = false;
		}
	}

	private long selectTimeoutMillis() {
		long now = System.nanoTime();
		long soonest = Long.MAX_VALUE;
		for (Link link : this.links) {
			soonest = Math.min(soonest, link.nextDue(now));
		}
		if (soonest == Long.MAX_VALUE) {
			return 0;
		}
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(soonest - now) + 1);
	}

	private void handle(SelectionKey key) {
		if (!key.isValid()) {
			return;
		}
		if (key.isAcceptable()) {
			acceptConnection();
			return;
		}
		Side side = (Side) key.attachment();
		try {
			if (key.isConnectable()) {
				side.finishConnect();
			}
			if (key.isValid() && key.isReadable() && !this.blackHoled) {
				side.read();
				side.peer.write();
			}
			if (key.isValid() && key.isWritable() && !this.blackHoled) {
				side.write();
			}
			side.link.updateInterest();
		}
		catch (IOException ex) {
			logger.debug("proxy {}: connection ended: {}", port(), ex.toString());
			side.link.close();
		}
	}

	private void acceptConnection() {
		SocketChannel client;
		try {
			client = this.server.accept();
		}
		catch (IOException ex) {
			logger.debug("proxy {}: accept failed: {}", port(), ex.toString());
			return;
		}
		if (client == null) {
			return;
		}
		this.accepted++;
		if (this.refusing) {
			closeQuietly(client);
			return;
		}
		SocketChannel upstream = null;
		try {
			client.configureBlocking(false);
			client.setOption(StandardSocketOptions.TCP_NODELAY, true);
			upstream = SocketChannel.open();
			upstream.configureBlocking(false);
			upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
			boolean connected = upstream.connect(this.target);
			Link link = new Link(client, upstream, connected);
			this.links.add(link);
			link.updateInterest();
		}
		catch (IOException ex) {
			logger.debug("proxy {}: cannot reach {}: {}", port(), this.target, ex.toString());
			closeQuietly(client);
			if (upstream != null) {
				closeQuietly(upstream);
			}
		}
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** One proxied connection: the client's socket and the one to the target. */
	private final class Link {

		private final Side client;

		private final Side upstream;

		private boolean closed;

		Link(SocketChannel clientChannel, SocketChannel upstreamChannel, boolean connected) throws IOException {
			this.client = new Side(this, clientChannel, true);
			this.upstream = new Side(this, upstreamChannel, connected);
			this.client.peer = this.upstream;
			this.upstream.peer = this.client;
			this.client.key = clientChannel.register(TcpProxy.this.selector, 0, this.client);
			this.upstream.key = upstreamChannel.register(TcpProxy.this.selector,
					connected ? 0 : SelectionKey.OP_CONNECT, this.upstream);
		}

		void updateInterest() {
			if (this.closed) {
				return;
			}
			if (!TcpProxy.this.blackHoled) {
				if (this.client.done() && this.upstream.done()) {
					close();
					return;
				}
				try {
					this.client.passEof();
					this.upstream.passEof();
				}
				catch (IOException ex) {
					close();
					return;
				}
			}
			this.client.updateInterest();
			this.upstream.updateInterest();
		}

		long nextDue(long now) {
			if (TcpProxy.this.blackHoled) {
				return Long.MAX_VALUE;
			}
			return Math.min(this.client.due(now), this.upstream.due(now));
		}

		void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			TcpProxy.this.links.remove(this);
			this.client.close();
			this.upstream.close();
		}

	}

	/**
	 * One socket of a link, with the buffer of what was read from it and waits to be
	 * written to its peer.
	 */
	private final class Side {

		private final Link link;

		private final SocketChannel channel;

		private final ByteBuffer inbound = ByteBuffer.allocate(BUFFER_SIZE);

		private @Nullable SelectionKey key;

		private Side peer;

		private boolean connected;

		/** The peer of this socket sent EOF: nothing more will be read from it. */
		private boolean eof;

		/** The EOF was passed on: the peer's output is shut down. */
		private boolean eofPassed;

		/** When the buffered chunk may be written to the peer. */
		private long dueNanos;

		Side(Link link, SocketChannel channel, boolean connected) {
			this.link = link;
			this.channel = channel;
			this.connected = connected;
			this.inbound.flip();
		}

		void finishConnect() throws IOException {
			this.channel.finishConnect();
			this.connected = true;
		}

		void read() throws IOException {
			this.inbound.compact();
			int count;
			try {
				count = this.channel.read(this.inbound);
			}
			finally {
				this.inbound.flip();
			}
			if (count < 0) {
				this.eof = true;
			}
			else if (count > 0 && this.dueNanos == 0) {
				this.dueNanos = System.nanoTime() + TcpProxy.this.delayNanos;
			}
		}

		/** Writes what the peer read, once it is due. */
		void write() throws IOException {
			Side from = this.peer;
			if (!from.inbound.hasRemaining() || System.nanoTime() < from.dueNanos) {
				return;
			}
			this.channel.write(from.inbound);
			if (!from.inbound.hasRemaining()) {
				from.dueNanos = 0;
			}
		}

		/** Once everything read from this side was written, half-closes the peer. */
		void passEof() throws IOException {
			if (done() && !this.eofPassed && this.peer.connected) {
				this.eofPassed = true;
				this.peer.channel.shutdownOutput();
			}
		}

		/** Nothing more can flow from this side to its peer. */
		boolean done() {
			return this.eof && !this.inbound.hasRemaining();
		}

		/** When a buffered chunk that is not due yet becomes due. */
		long due(long now) {
			return (this.inbound.hasRemaining() && this.dueNanos > now) ? this.dueNanos : Long.MAX_VALUE;
		}

		void updateInterest() {
			SelectionKey current = this.key;
			if (current == null || !current.isValid() || !this.connected) {
				return;
			}
			int ops = 0;
			if (!TcpProxy.this.blackHoled) {
				if (!this.eof && !this.inbound.hasRemaining() && this.peer.connected) {
					// one chunk at a time, so that a delay applies to each chunk
					ops |= SelectionKey.OP_READ;
				}
				if (this.peer.inbound.hasRemaining() && System.nanoTime() >= this.peer.dueNanos) {
					ops |= SelectionKey.OP_WRITE;
				}
			}
			current.interestOps(ops);
		}

		void close() {
			closeQuietly(this.channel);
		}

	}

}
