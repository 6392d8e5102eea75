package io.hubbridge.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Shouts through the bridge: {@code POST /api/rooms/{room}/shouts}, not waiting for one
 * answer before the next post. A shout answered with anything but {@code 201} or
 * {@code 202} (or not answered) did not leave the bridge and is not expected on the
 * streams.
 */
final class RestPublisher implements ShoutPublisher {

	private final HttpClient client;

	private final String bridgeUrl;

	private final List<String> rooms;

	private final Refusals refusals;

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong confirmed = new AtomicLong();

	private final AtomicLong accepted = new AtomicLong();

	/** From a post's send to its answer, in microseconds. */
	private final Histogram answerMicros = new ConcurrentHistogram(3);

	private final AtomicLong firstSentNanos = new AtomicLong();

	private final AtomicLong lastAnsweredNanos = new AtomicLong();

	RestPublisher(HttpClient client, String bridgeUrl, List<String> rooms) {
		this.client = client.headers((headers) -> headers.set("Content-Type", "application/json"));
		this.bridgeUrl = bridgeUrl;
		this.rooms = rooms;
		this.refusals = new Refusals(rooms.size());
	}

	@Override
	public Mono<Void> ready() {
		return Mono.empty();
	}

	@Override
	public void shout(int room, int sequence, String body) {
		byte[] json = ("{\"name\":\"bench\",\"body\":\"" + body + "\"}").getBytes(StandardCharsets.UTF_8);
		this.inFlight.incrementAndGet();
		long sent = BenchClock.now();
		this.firstSentNanos.compareAndSet(0, sent);
		this.client.post()
			.uri(this.bridgeUrl + "/api/rooms/" + this.rooms.get(room) + "/shouts")
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(json)))
			.responseSingle((response, answer) -> answer.then(Mono.just(response.status().code())))
			.doFinally((signal) -> this.inFlight.decrementAndGet())
			.subscribe((status) -> answered(room, sequence, status, sent),
					(ex) -> this.refusals.refused(room, sequence));
	}

	private void answered(int room, int sequence, int status, long sent) {
		long now = BenchClock.now();
		this.answerMicros.recordValue(Math.max(0, (now - sent) / 1000));
		this.lastAnsweredNanos.accumulateAndGet(now, Math::max);
		switch (status) {
			case 201 -> this.confirmed.incrementAndGet();
			case 202 -> this.accepted.incrementAndGet();
			default -> this.refusals.refused(room, sequence);
		}
	}

	/** Posts answered {@code 201} (Hub's broadcast came back). */
	long confirmed() {
		return this.confirmed.get();
	}

	/** Posts answered {@code 202} (sent, echo not in time). */
	long accepted() {
		return this.accepted.get();
	}

	@Override
	public BenchResult.Answers answers() {
		long confirmed = this.confirmed.get();
		double seconds = (this.lastAnsweredNanos.get() - this.firstSentNanos.get()) / 1e9;
		return new BenchResult.Answers(confirmed, this.accepted.get(), (seconds > 0) ? confirmed / seconds : 0,
				this.answerMicros.getValueAtPercentile(50) / 1000.0,
				this.answerMicros.getValueAtPercentile(99) / 1000.0, this.answerMicros.getMaxValue() / 1000.0);
	}

	@Override
	public List<String> rooms() {
		return this.rooms;
	}

	@Override
	public Refusals refusals() {
		return this.refusals;
	}

	@Override
	public long inFlight() {
		return this.inFlight.get();
	}

	@Override
	public void close() {
		// the pool is the streams' (BenchStreams) to dispose
	}

}
