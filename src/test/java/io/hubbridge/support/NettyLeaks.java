package io.hubbridge.support;

import io.netty.buffer.PooledByteBufAllocator;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test when Netty's leak detector (at {@code paranoid} in the build) reported a
 * leaked buffer in the captured output.
 */
public final class NettyLeaks {

	private NettyLeaks() {
	}

	/**
	 * Asks for a collection and tracks a few buffers, so that buffers leaked by the test
	 * and already unreachable are reported now, then checks that nothing was reported.
	 */
	public static void assertNoneReported(CapturedOutput output) {
		System.gc();
		for (int i = 0; i < 64; i++) {
			PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
			PooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
		}
		assertThat(output.getAll()).as("Netty leak reports").doesNotContain("LEAK:");
	}

}
