package io.hubbridge.room;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code upstream} component of {@code /actuator/health}: how many open rooms are
 * joined to Hub, and the state of those that are not. It is DOWN only when rooms are open
 * and none of them is joined (Hub unreachable as far as this bridge can tell), and UP
 * otherwise, also with no room open (nothing to tell). It is in neither probe group: a
 * Hub outage is not cured by restarting the bridge (liveness), and every replica shares
 * it, so taking them out of service (readiness) would only turn the bridge's informative
 * {@code 503}s and {@code upstream} events into refused connections while it reconnects
 * by itself.
 */
class UpstreamHealthIndicator implements HealthIndicator {

	/** Rooms listed by name at most, so that the answer stays small. */
	static final int MAX_LISTED = 20;

	private final RoomRegistry rooms;

	UpstreamHealthIndicator(RoomRegistry rooms) {
		this.rooms = rooms;
	}

	@Override
	public Health health() {
		List<RoomInfo> open = this.rooms.list().stream().map(RoomSession::info).toList();
		List<RoomInfo> notJoined = open.stream()
			.filter((room) -> !room.upstream().equals(UpstreamState.JOINED.wireName()))
			.toList();
		Map<String, String> listed = new LinkedHashMap<>();
		notJoined.stream()
			.limit(MAX_LISTED)
			.forEach((room) -> listed.put(room.room(),
					(room.reason() != null) ? room.upstream() + ": " + room.reason() : room.upstream()));
		Health.Builder health = (!open.isEmpty() && notJoined.size() == open.size()) ? Health.down() : Health.up();
		return health.withDetail("rooms", open.size())
			.withDetail("joined", open.size() - notJoined.size())
			.withDetail("notJoined", listed)
			.build();
	}

}
