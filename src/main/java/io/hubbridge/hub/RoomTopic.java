package io.hubbridge.hub;

import java.util.TreeMap;
import java.util.function.Consumer;

import io.hubbridge.phoenix.Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code room:*} topic: the channels joined to it and their presence. Every change
 * and the frames it causes happen under one lock, so that all members receive the topic's
 * frames in the same order. The critical sections only queue frames.
 */
final class RoomTopic {

	private static final Logger logger = LoggerFactory.getLogger(RoomTopic.class);

	private final String name;

	private final Consumer<RoomTopic> onEmpty;

	private final Object lock = new Object();

	/** Members by channel id: presence lists metas in join order. */
	private final TreeMap<Long, JoinedChannel> members = new TreeMap<>();

	private boolean retired;

	/**
	 * @param name the topic, such as {@code room:lobby}
	 * @param onEmpty called (under the lock) when the last member has gone and the topic
	 * is retired
	 */
	RoomTopic(String name, Consumer<RoomTopic> onEmpty) {
		this.name = name;
		this.onEmpty = onEmpty;
	}

	String name() {
		return this.name;
	}

	/**
	 * Join {@code channel}, replacing {@code previous} (the same socket's earlier join of
	 * this topic) if any: the reply, then {@code phx_close} for the previous join, then
	 * {@code presence_state} without the joiner, then the joiner's presence diff to every
	 * member, the joiner included.
	 * @return {@code false} if this topic was retired meanwhile; join a fresh one
	 */
	boolean join(JoinedChannel channel, @Nullable JoinedChannel previous) {
		synchronized (this.lock) {
			if (this.retired) {
				return false;
			}
			if (previous != null) {
				removeAndBroadcastLeave(previous);
			}
			ChannelPeer peer = channel.peer();
			peer.push(ServerFrame.ok(channel.joinRef(), channel.joinRef(), topicNode()));
			if (previous != null) {
				peer.push(ServerFrame.channelEvent(previous.joinRef(), this.name, Message.CLOSE));
			}
			peer.push(ServerFrame.push(this.name, HubPresence.STATE, HubPresence.state(this.members.values())));
			this.members.put(channel.id(), channel);
			logger.debug("[{}] joined {} as {}", peer.id(), this.name, channel.presenceKey());
			String key = channel.presenceKey();
			if (key != null) {
				broadcast(presenceDiff(key, channel.meta(), null));
			}
			return true;
		}
	}

	/**
	 * A second join of this topic on the same socket whose payload Hub cannot join with:
	 * the previous join is closed and the new one refused.
	 */
	void rejectRejoin(JoinedChannel previous, ServerFrame refusal) {
		synchronized (this.lock) {
			boolean wasMember = removeAndBroadcastLeave(previous);
			previous.peer().push(refusal);
			if (wasMember) {
				previous.peer().push(ServerFrame.channelEvent(previous.joinRef(), this.name, Message.CLOSE));
			}
		}
	}

	/**
	 * {@code phx_leave}: reply {@code ok}, then {@code phx_close}; others see the leave.
	 */
	void leave(JoinedChannel channel, JsonNode ref) {
		synchronized (this.lock) {
			if (!isMember(channel)) {
				return;
			}
			channel.peer().push(ServerFrame.ok(channel.joinRef(), ref, topicNode()));
			channel.peer().push(ServerFrame.channelEvent(channel.joinRef(), this.name, Message.CLOSE));
			removeAndBroadcastLeave(channel);
		}
	}

	/**
	 * The channel process crashed: {@code phx_error} to its socket, a leave to the
	 * others.
	 */
	void crash(JoinedChannel channel) {
		synchronized (this.lock) {
			if (!isMember(channel)) {
				return;
			}
			channel.peer().push(ServerFrame.channelEvent(channel.joinRef(), this.name, Message.ERROR));
			removeAndBroadcastLeave(channel);
		}
	}

	/** The socket has gone: the others see the leave. */
	void disconnect(JoinedChannel channel) {
		synchronized (this.lock) {
			removeAndBroadcastLeave(channel);
		}
	}

	/**
	 * {@code user:typing}: Presence.update of the channel's own key with the values as
	 * sent; one diff to everyone, then the {@code ok} reply.
	 */
	void typing(JoinedChannel channel, JsonNode ref, JsonNode username, JsonNode typing) {
		synchronized (this.lock) {
			if (!isMember(channel)) {
				return;
			}
			ObjectNode previous = channel.meta();
			if (previous != null) {
				ObjectNode updated = HubPresence.meta(HubPresence.phxRef(previous), typing, username);
				channel.meta(updated);
				String key = channel.presenceKey();
				if (key != null) {
					broadcast(presenceDiff(key, updated, previous));
				}
			}
			channel.peer().push(ServerFrame.ok(channel.joinRef(), ref, topicNode()));
		}
	}

	/** Broadcast a frame to every member, the sender included. */
	void broadcast(ServerFrame frame) {
		synchronized (this.lock) {
			for (JoinedChannel member : this.members.values()) {
				member.peer().push(frame);
			}
		}
	}

	/** The hub stops: forget every member without telling anyone. */
	void retire() {
		synchronized (this.lock) {
			this.retired = true;
			this.members.clear();
		}
	}

	private boolean isMember(JoinedChannel channel) {
		return this.members.get(channel.id()) == channel;
	}

	private boolean removeAndBroadcastLeave(JoinedChannel channel) {
		if (this.members.remove(channel.id()) == null) {
			return false;
		}
		logger.debug("[{}] left {}", channel.peer().id(), this.name);
		String key = channel.presenceKey();
		if (key != null) {
			broadcast(presenceDiff(key, null, channel.meta()));
		}
		if (this.members.isEmpty()) {
			this.retired = true;
			this.onEmpty.accept(this);
		}
		return true;
	}

	private ServerFrame presenceDiff(String key, @Nullable ObjectNode joined, @Nullable ObjectNode left) {
		return ServerFrame.push(this.name, HubPresence.DIFF, HubPresence.diff(key, joined, left));
	}

	private JsonNode topicNode() {
		return HubJson.NODES.stringNode(this.name);
	}

	@Override
	public String toString() {
		return "RoomTopic[" + this.name + "]";
	}

}
