package io.hubbridge.support;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak check that runs after every test class: a leaked buffer is reported, the
 * report reaches {@link LeakReportAppender} through the test logging configuration, and a
 * report fails the class unless it was a deliberate leak.
 */
class NettyLeakDetectionTests {

	@Test
	void leakedBufferIsReportedWithItsHintAndADeliberateLeakDoesNotFailTheClass() {
		ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		try {
			String tag = NettyLeakDetection.EXPECTED + "NettyLeakDetectionTests-" + UUID.randomUUID();
			leak(tag);
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
				NettyLeakDetection.surfacePendingLeaks();
				return LeakReportAppender.reports().stream().anyMatch((report) -> report.contains(tag));
			});
			String report = LeakReportAppender.reports()
				.stream()
				.filter((r) -> r.contains(tag))
				.findFirst()
				.orElseThrow();
			assertThat(report).startsWith("LEAK: ByteBuf.release() was not called");
			assertThat(NettyLeakDetection.check(List.of(report))).as("a deliberate leak is expected").isEmpty();
		}
		finally {
			ResourceLeakDetector.setLevel(level);
		}
	}

	@Test
	void anyOtherReportFailsNamingEveryRecord() {
		String first = "LEAK: ByteBuf.release() was not called before it's garbage-collected.\n"
				+ "Recent access records:\n#1:\n\tio.hubbridge.api.Something.write(Something.java:42)";
		String second = "LEAK: ByteBuf.release() was not called before it's garbage-collected.\n"
				+ "Recent access records:\n#1:\n\tio.hubbridge.room.Other.read(Other.java:7)";
		String deliberate = "LEAK: ByteBuf.release() was not called\nHint: " + NettyLeakDetection.EXPECTED + "x";
		assertThat(NettyLeakDetection.check(List.of(first, deliberate, second)))
			.hasValueSatisfying((failure) -> assertThat(failure.getMessage()).startsWith("Netty reported 2 leak(s)")
				.contains("Something.java:42", "Other.java:7")
				.doesNotContain(NettyLeakDetection.EXPECTED));
		assertThat(NettyLeakDetection.check(List.of())).isEmpty();
	}

	/** Allocates a buffer, marks it with the hint and drops it without releasing it. */
	private static void leak(String hint) {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(64);
		buffer.writeInt(42);
		buffer.touch(hint);
	}

}
