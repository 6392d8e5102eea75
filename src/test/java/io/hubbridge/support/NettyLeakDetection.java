package io.hubbridge.support;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Registered for
 * every class through {@code META-INF/services} (autodetection is on in
 * {@code junit-platform.properties}); the build runs Netty's leak detector at
 * {@code paranoid}. After each class it collects garbage and allocates a few buffers, so
 * that leaks of that class are reported now rather than during a later one, then fails
 * naming every report.
 * <p>
 * A report that carries {@link #EXPECTED} in a hint ({@code buf.touch(hint)}) is a leak a
 * test made on purpose, and is ignored.
 */
public final class NettyLeakDetection implements AfterAllCallback {

	/** Marks the hint of a deliberate leak. */
	public static final String EXPECTED = "expected-leak:";

	private static final int ROUNDS = 3;

	private static final long REFERENCE_PROCESSING_TIMEOUT_MS = 5_000;

	@Override
	public void afterAll(ExtensionContext context) {
		surfacePendingLeaks();
		Optional<AssertionError> failure = check(LeakReportAppender.drain());
		if (failure.isPresent()) {
			throw failure.get();
		}
	}

	/**
	 * Lets Netty report the buffers that became garbage without being released: Netty
	 * checks for them whenever it tracks a new buffer, once the collector has queued
	 * them.
	 */
	public static void surfacePendingLeaks() {
		for (int round = 0; round < ROUNDS; round++) {
			collectGarbage();
			for (int i = 0; i < 32; i++) {
				ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
				probe.release();
			}
		}
	}

	/** A full collection, waiting until its cleared weak references are queued. */
	private static void collectGarbage() {
		ReferenceQueue<Object> queue = new ReferenceQueue<>();
		WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
		System.gc();
		try {
			queue.remove(REFERENCE_PROCESSING_TIMEOUT_MS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		sentinel.clear();
	}

	/** A failure naming every report that was not a deliberate leak, if any. */
	static Optional<AssertionError> check(List<String> reports) {
		List<String> unexpected = reports.stream().filter((report) -> !report.contains(EXPECTED)).toList();
		if (unexpected.isEmpty()) {
			return Optional.empty();
		}
		StringBuilder message = new StringBuilder("Netty reported ").append(unexpected.size())
			.append(" leak(s) (io.netty.leakDetection.level=paranoid):");
		unexpected.forEach((report) -> message.append("\n\n").append(report));
		return Optional.of(new AssertionError(message.toString()));
	}

}
