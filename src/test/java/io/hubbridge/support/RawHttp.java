package io.hubbridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 exchange over a plain socket, with exactly the bytes a test gives: request
 * lines, headers and bodies no HTTP client library would send (raw unicode, broken
 * percent-encodings, lying lengths). Reads the response's status, headers and body (by
 * {@code Content-Length}, chunked, or to the end); of an event stream only the head.
 */
public final class RawHttp {

	private static final int TIMEOUT_MS = 30_000;

	private RawHttp() {
	}

	/**
	 * Sends the request head (a CRLF after each line is added, and the blank line) and
	 * the body, then reads the response.
	 * @param sendBody whether to send the body at all (a test may declare one and not
	 * send it)
	 */
	public static Response exchange(int port, String head, byte[] body, boolean sendBody) throws IOException {
		return exchange(port, head.getBytes(StandardCharsets.UTF_8), body, sendBody);
	}

	public static Response exchange(int port, byte[] head, byte[] body, boolean sendBody) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(TIMEOUT_MS);
			OutputStream out = socket.getOutputStream();
			out.write(head);
			out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			if (sendBody) {
				try {
					out.write(body);
				}
				catch (SocketException ex) {
					// the server answered and closed before it took the whole body
				}
			}
			out.flush();
			return read(socket.getInputStream());
		}
	}

	/** Reads one response; a kept-alive connection's next one can be read after it. */
	public static Response read(InputStream in) throws IOException {
		String statusLine = line(in);
		if (statusLine == null) {
			throw new IOException("the connection closed without a response");
		}
		String[] parts = statusLine.split(" ", 3);
		int status = Integer.parseInt(parts[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
		}
		String contentType = headers.getOrDefault("content-type", "");
		byte[] body;
		if (contentType.startsWith("text/event-stream")) {
			// a stream: its head is all a test needs, and it would not end
			body = new byte[0];
		}
		else if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = chunked(in);
		}
		else {
			body = in.readAllBytes();
		}
		return new Response(status, headers, body);
	}

	private static byte[] chunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String size = line(in);
			if (size == null) {
				return body.toByteArray();
			}
			int length = Integer.parseInt(size.split(";")[0].trim(), 16);
			if (length == 0) {
				line(in);
				return body.toByteArray();
			}
			body.write(in.readNBytes(length));
			line(in);
		}
	}

	private static @Nullable String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				String text = line.toString(StandardCharsets.ISO_8859_1);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
		return (line.size() > 0) ? line.toString(StandardCharsets.ISO_8859_1) : null;
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body (empty for an event stream)
	 */
	public record Response(int status, Map<String, String> headers, byte[] body) {

		public @Nullable String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
