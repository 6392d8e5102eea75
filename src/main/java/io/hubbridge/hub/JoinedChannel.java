package io.hubbridge.hub;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One successful join of a socket to a room topic: Phoenix's channel process. Its
 * presence meta changes under the topic's lock.
 */
final class JoinedChannel {

	private final long id;

	private final ChannelPeer peer;

	private final RoomTopic topic;

	private final JsonNode joinRef;

	private final @Nullable String presenceKey;

	private @Nullable ObjectNode meta;

	/**
	 * @param id order of creation in the hub; presence lists metas in this order
	 * @param peer the socket that joined
	 * @param topic the topic joined
	 * @param joinRef the ref of the join, echoed by {@code phx_error}/{@code phx_close}
	 * @param presenceKey the presence key, or {@code null} when the username cannot be a
	 * key (Hub's diff task crashes and nothing is broadcast)
	 * @param meta the initial presence meta
	 */
	JoinedChannel(long id, ChannelPeer peer, RoomTopic topic, JsonNode joinRef, @Nullable String presenceKey,
			ObjectNode meta) {
		this.id = id;
		this.peer = peer;
		this.topic = topic;
		this.joinRef = joinRef;
		this.presenceKey = presenceKey;
		this.meta = meta;
	}

	long id() {
		return this.id;
	}

	ChannelPeer peer() {
		return this.peer;
	}

	RoomTopic topic() {
		return this.topic;
	}

	JsonNode joinRef() {
		return this.joinRef;
	}

	@Nullable String presenceKey() {
		return this.presenceKey;
	}

	/** Guarded by the topic's lock. */
	@Nullable ObjectNode meta() {
		return this.meta;
	}

	/** Guarded by the topic's lock. */
	void meta(ObjectNode meta) {
		this.meta = meta;
	}

}
