package io.hubbridge.api;

import java.nio.ByteBuffer;
import io.hubbridge.config.BridgeProperties;
import io.hubbridge.room.SseFrames;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * One ticker for every stream's keep-alive comment, rather than a timer per subscriber:
 * it runs while at least one stream listens.
 */
@Component
class KeepAlive {

	private static final ByteBuffer COMMENT = SseFrames.wire(SseFrames.comment("keep-alive"));

	private final Flux<ByteBuffer> comments;

	KeepAlive(BridgeProperties properties) {
		this.comments = Flux.interval(properties.sse().keepAlive()).map((tick) -> COMMENT).share();
	}

	Flux<ByteBuffer> comments() {
		return this.comments;
	}

}
