package io.hubbridge.hub;

/**
 * Where a joined channel's frames go: the socket that joined. Pushing never blocks; it
 * only queues the frame for that socket's connection.
 */
interface ChannelPeer {

	void push(ServerFrame frame);

	/** The connection id, for log lines. */
	String id();

}
