package io.hubbridge.support;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SSE subscriber over a real HTTP connection, parsing the stream as a browser
 * does. Tests take events from it one by one with a bounded wait.
 */
public final class SseClient implements AutoCloseable {

	private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();

	private final SseParser parser = new SseParser();

	private final Disposable connection;

	private final List<String> rawChunks = new CopyOnWriteArrayList<>();

	private volatile @Nullable HttpHeaders responseHeaders;

	private volatile int status;

	private SseClient(HttpClient base, String url, Map<String, String> requestHeaders) {
		HttpClient client = base.headers((headers) -> {
			headers.set("Accept", "text/event-stream");
			requestHeaders.forEach(headers::set);
		});
		this.connection = client.get().uri(url).response((response, body) -> {
			this.status = response.status().code();
			this.responseHeaders = response.responseHeaders();
			return body.asString(StandardCharsets.UTF_8);
		}).subscribe(this::onChunk);
	}

	public static SseClient connect(String url) {
		return new SseClient(HttpClient.create(), url, Map.of());
	}

	/**
	 * A stream opened with these request headers too (a browser's EventSource sends only
	 * cookies, say {@code Cookie}).
	 */
	public static SseClient connect(String url, Map<String, String> headers) {
		return new SseClient(HttpClient.create(), url, headers);
	}

	/**
	 * Connects from the given local address (such as {@code 127.0.0.2}, another client to
	 * a bridge on {@code 127.0.0.1}).
	 */
	public static SseClient connectFrom(String localAddress, String url) {
		return new SseClient(HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0)), url,
				Map.of());
	}

	public static SseClient resume(String url, String lastEventId) {
		return new SseClient(HttpClient.create(), url, Map.of("Last-Event-ID", lastEventId));
	}

	private synchronized void onChunk(String chunk) {
		this.rawChunks.add(chunk);
		this.events.addAll(this.parser.feed(chunk));
	}

	/** The next event, waiting at most 10 s. */
	public SseEvent next() {
		try {
			SseEvent event = this.events.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("an SSE event within 10 s").isNotNull();
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Skips events until a {@code presence} says the room's upstream has joined: it comes
	 * after the join whether or not the stream was registered before it.
	 * @return this stream
	 */
	public SseClient awaitJoined() {
		SseEvent event = next();
		while (!event.event().equals("presence") || !event.data().contains("\"upstream\":\"joined\"")) {
			event = next();
		}
		return this;
	}

	/** The next event of the given type, skipping others, waiting at most 10 s. */
	public SseEvent next(String type) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			SseEvent event = next();
			if (event.event().equals(type)) {
				return event;
			}
		}
		throw new AssertionError("no '" + type + "' event within 10 s");
	}

	/** Events already received and not yet taken. */
	public List<SseEvent> drain() {
		List<SseEvent> drained = new java.util.ArrayList<>();
		this.events.drainTo(drained);
		return drained;
	}

	public synchronized List<String> comments() {
		return List.copyOf(this.parser.comments());
	}

	public synchronized @Nullable Long retry() {
		return this.parser.retry();
	}

	public int status() {
		return this.status;
	}

	public @Nullable HttpHeaders headers() {
		return this.responseHeaders;
	}

	public boolean isClosed() {
		return this.connection.isDisposed();
	}

	@Override
	public void close() {
		this.connection.dispose();
	}

}
