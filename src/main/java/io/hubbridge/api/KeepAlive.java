package io.hubbridge.api;

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

	private static final byte[] COMMENT = SseFrames.comment("keep-alive");

	private final Flux<byte[]> comments;

	KeepAlive(BridgeProperties properties) {
		this.comments = Flux.interval(properties.sse().keepAlive()).map((tick) -> COMMENT).share();
	}

	Flux<byte[]> comments() {
		return this.comments;
	}

}
