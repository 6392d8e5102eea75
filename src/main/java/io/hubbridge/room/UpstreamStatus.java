package io.hubbridge.room;

import io.hubbridge.phoenix.PhoenixChannel;
import org.jspecify.annotations.Nullable;

/**
 * Where a room's upstream session stands, as the room's requests wait on it.
 *
 * @param state the state, as reported in {@code upstream} events
 * @param attempt the connection attempt, from 1
 * @param reason why, when reconnecting or failed
 * @param channel the joined channel, when joined
 * @param presenceKnown whether a presence state was ever received in this session
 */
record UpstreamStatus(UpstreamState state, int attempt, @Nullable String reason, @Nullable PhoenixChannel channel,
		boolean presenceKnown) {

	static UpstreamStatus initial() {
		return new UpstreamStatus(UpstreamState.CONNECTING, 1, null, null, false);
	}

	UpstreamStatus with(UpstreamState state, int attempt, @Nullable String reason) {
		return new UpstreamStatus(state, attempt, reason, null, this.presenceKnown);
	}

	UpstreamStatus joined(@Nullable PhoenixChannel channel) {
		return new UpstreamStatus(UpstreamState.JOINED, this.attempt, null, channel, this.presenceKnown);
	}

	UpstreamStatus presenceReceived() {
		return new UpstreamStatus(this.state, this.attempt, this.reason, this.channel, true);
	}

}
