package io.hubbridge.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The state of one run of the embedded Hub, from {@code start()} to {@code stop()}: its
 * topics with their presence, and its sockets. A restarted hub gets a fresh registry, so
 * presence starts empty as it does after Hub restarts.
 */
final class HubRegistry {

	private final ConcurrentMap<String, RoomTopic> topics = new ConcurrentHashMap<>();

	private final Set<HubSocket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicLong channelIds = new AtomicLong();

	private volatile boolean closed;

	/** The topic named {@code name}, created on demand; {@code null} once closed. */
	@Nullable RoomTopic topic(String name) {
		if (this.closed) {
			return null;
		}
		return this.topics.computeIfAbsent(name, (topic) -> new RoomTopic(topic, this::retired));
	}

	long nextChannelId() {
		return this.channelIds.incrementAndGet();
	}

	/**
	 * @return {@code false} if the hub is stopping and the socket must go
	 */
	boolean register(HubSocket socket) {
		this.sockets.add(socket);
		if (this.closed) {
			this.sockets.remove(socket);
			return false;
		}
		return true;
	}

	void unregister(HubSocket socket) {
		this.sockets.remove(socket);
	}

	int socketCount() {
		return this.sockets.size();
	}

	/**
	 * Close this run: every topic forgets its members silently.
	 * @return the sockets still connected
	 */
	List<HubSocket> close() {
		this.closed = true;
		this.topics.values().forEach(RoomTopic::retire);
		this.topics.clear();
		return new ArrayList<>(this.sockets);
	}

	private void retired(RoomTopic topic) {
		this.topics.remove(topic.name(), topic);
	}

}
