package io.hubbridge.api;

import java.nio.ByteBuffer;
import java.util.List;

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

	private static final List<ByteBuffer> COMMENT = List.of(SseFrames.wire(SseFrames.comment("keep-alive")));

	private final Flux<List<ByteBuffer>> comments;

	KeepAlive(BridgeProperties properties) {
		this.comments = Flux.interval(properties.sse().keepAlive()).map((tick) -> COMMENT).share();
	}

	Flux<List<ByteBuffer>> comments() {
		return this.comments;
	}

}
