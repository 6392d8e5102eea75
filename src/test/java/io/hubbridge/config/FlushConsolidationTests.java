package io.hubbridge.config;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.ChannelHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Every connection of the bridge's HTTP server consolidates its flushes. */
class FlushConsolidationTests {

	@Test
	void eachServerConnectionGetsAFlushConsolidationHandler() {
		AtomicReference<ChannelHandler> handler = new AtomicReference<>();
		HttpServer customized = new FlushConsolidation().flushConsolidationCustomizer()
			.apply(HttpServer.create().host("127.0.0.1").port(0));
		DisposableServer server = customized.handle((request, response) -> Mono
			.fromRunnable(() -> response
				.withConnection((connection) -> handler.set(connection.channel().pipeline().get("flushConsolidation"))))
			.then(response.sendString(Mono.just("ok")).then())).bindNow(Duration.ofSeconds(10));
		try {
			String answer = HttpClient.create()
				.get()
				.uri("http://127.0.0.1:" + server.port() + "/")
				.responseContent()
				.aggregate()
				.asString()
				.block(Duration.ofSeconds(10));
			assertThat(answer).isEqualTo("ok");
			assertThat(handler.get()).isInstanceOf(FlushConsolidationHandler.class);
		}
		finally {
			server.disposeNow(Duration.ofSeconds(10));
		}
	}

}
