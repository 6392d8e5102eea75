package io.hubbridge.phoenix;

import java.net.URI;

/** Where a Phoenix socket listens, such as {@code ws://hub:4000/socket/websocket}. */
@FunctionalInterface
public interface PhoenixEndpoint {

	URI socketUrl();

}
