package io.hubbridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A subscriber that asks for a stream over a plain socket and then reads nothing until
 * told to, with a small receive buffer: what the bridge writes to it backs up as it would
 * for a client that stopped reading (a sleeping laptop, a stuck proxy). When it reads, it
 * takes the HTTP/1.1 response apart itself, chunk by chunk.
 */
public final class RawSseSocket implements AutoCloseable {

	private final Socket socket;

	private RawSseSocket(Socket socket) {
		this.socket = socket;
	}

	/**
	 * Connects and sends {@code GET path} with {@code Accept: text/event-stream}; reads
	 * nothing.
	 */
	public static RawSseSocket open(int port, String path) throws IOException {
		Socket socket = new Socket();
		// set before connecting, so that the advertised window stays small
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
		String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nAccept: text/event-stream\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return new RawSseSocket(socket);
	}

	/** The local port, which names this connection on the bridge's side too. */
	public int localPort() {
		return this.socket.getLocalPort();
	}

	/**
	 * Reads until the response ends (its last chunk), the connection ends (EOF or reset)
	 * or the timeout passes.
	 */
	public Received readToEnd(Duration timeout) throws IOException {
		return readUntil((body) -> false, timeout);
	}

	/**
	 * Reads until the body read so far (without its chunk framing) is enough, the
	 * response or connection ends, or the timeout passes.
	 */
	public Received readUntil(Predicate<String> enough, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		ChunkedResponse response = new ChunkedResponse();
		InputStream in = this.socket.getInputStream();
		byte[] buffer = new byte[65536];
		while (true) {
			long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
			if (remainingMs <= 0) {
				return response.received(Ending.TIMEOUT);
			}
			this.socket.setSoTimeout((int) Math.min(remainingMs, Integer.MAX_VALUE));
			int read;
			try {
				read = in.read(buffer);
			}
			catch (SocketTimeoutException ex) {
				return response.received(Ending.TIMEOUT);
			}
			catch (SocketException ex) {
				return response.received(Ending.RESET);
			}
			if (read < 0) {
				return response.received(Ending.EOF);
			}
			if (response.feed(buffer, read)) {
				return response.received(Ending.LAST_CHUNK);
			}
			Received sofar = response.received(Ending.ENOUGH);
			if (enough.test(sofar.body())) {
				return sofar;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** How the response came to an end. */
	public enum Ending {

		/** The server ended the response with its last (empty) chunk. */
		LAST_CHUNK,

		/** The server closed the connection. */
		EOF,

		/** The connection was reset. */
		RESET,

		/** Nothing ended it in time. */
		TIMEOUT,

		/** What was read is what the caller waited for; the response goes on. */
		ENOUGH

	}

	/**
	 * What the socket read.
	 *
	 * @param status the response's status code, or 0 if none was read
	 * @param body the response body without its chunk framing
	 * @param ending how it ended
	 */
	public record Received(int status, String body, Ending ending) {
	}

	/** An HTTP/1.1 response with a chunked body, taken apart as bytes arrive. */
	private static final class ChunkedResponse {

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		/** Bytes read and not yet taken apart. */
		private byte[] pending = new byte[0];

		private int position;

		private int status;

		private boolean headersDone;

		private boolean lastChunk;

		/** Feeds bytes read; {@code true} once the last chunk has arrived. */
		boolean feed(byte[] bytes, int length) {
			byte[] all = new byte[this.pending.length - this.position + length];
			System.arraycopy(this.pending, this.position, all, 0, this.pending.length - this.position);
			System.arraycopy(bytes, 0, all, this.pending.length - this.position, length);
			this.pending = all;
			this.position = 0;
			while (!this.lastChunk && step(all)) {
				// take apart as much as has arrived
			}
			return this.lastChunk;
		}

		private boolean step(byte[] all) {
			if (!this.headersDone) {
				int end = indexOf(all, this.position, "\r\n\r\n");
				if (end < 0) {
					return false;
				}
				String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
				this.status = Integer.parseInt(head.substring(9, 12));
				this.headersDone = true;
				this.position = end + 4;
				return true;
			}
			int sizeEnd = indexOf(all, this.position, "\r\n");
			if (sizeEnd < 0) {
				return false;
			}
			int size = Integer.parseInt(
					new String(all, this.position, sizeEnd - this.position, StandardCharsets.US_ASCII).strip(), 16);
			int dataStart = sizeEnd + 2;
			if (all.length < dataStart + size + 2) {
				return false;
			}
			this.body.write(all, dataStart, size);
			this.position = dataStart + size + 2;
			this.lastChunk = (size == 0);
			return true;
		}

		Received received(Ending ending) {
			return new Received(this.status, this.body.toString(StandardCharsets.UTF_8), ending);
		}

		private static int indexOf(byte[] bytes, int from, String text) {
			byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
			for (int i = from; i <= bytes.length - needle.length; i++) {
				boolean match = true;
				for (int j = 0; j < needle.length && match; j++) {
					match = bytes[i + j] == needle[j];
				}
				if (match) {
					return i;
				}
			}
			return -1;
		}

	}

}
