package io.hubbridge.api;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightRequestsUnitTests {

	private final InFlightRequests requests = new InFlightRequests();

	@Test
	void cutStopsTheHandlingSoThatNoAnswerIsMadeForAClosedConnection() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Mono<Void> handling = this.requests.filter(post("/api/rooms/lobby/shouts"),
				(exchange) -> Mono.<Void>never().doOnCancel(() -> cancelled.set(true)));
		StepVerifier.create(handling)
			.then(() -> assertThat(this.requests.count()).isOne())
			.then(() -> assertThat(this.requests.cutAll()).isOne())
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(cancelled).as("the handler was cancelled").isTrue();
		assertThat(this.requests.count()).isZero();
		StepVerifier.create(this.requests.idle()).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void idleWaitsForTheLastApiRequestAndIgnoresProbes() {
		StepVerifier.create(this.requests.filter(get("/actuator/health"), (exchange) -> Mono.never()))
			.then(() -> assertThat(this.requests.count()).isZero())
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		Mono<Void> handling = this.requests.filter(get("/api/rooms"),
				(exchange) -> Mono.delay(Duration.ofMillis(50)).then());
		// idle() asked for once the handling completed, while the request still counts:
		// it completes only when the request is no longer counted
		StepVerifier.create(handling.then(Mono.defer(this.requests::idle)))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.requests.count()).isZero();
	}

	private static ServerWebExchange post(String path) {
		return exchange(HttpMethod.POST, path);
	}

	private static ServerWebExchange get(String path) {
		return exchange(HttpMethod.GET, path);
	}

	/** An exchange whose request has a native request, as a served one has. */
	private static ServerWebExchange exchange(HttpMethod method, String path) {
		ServerHttpRequest request = new AbstractServerHttpRequest(method, URI.create("http://localhost" + path), null,
				new HttpHeaders()) {

			@Override
			protected MultiValueMap<String, HttpCookie> initCookies() {
				return new LinkedMultiValueMap<>();
			}

			@Override
			protected @Nullable SslInfo initSslInfo() {
				return null;
			}

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.empty();
			}

			@Override
			public <T> T getNativeRequest() {
				@SuppressWarnings("unchecked")
				T nativeRequest = (T) "not a connection";
				return nativeRequest;
			}

		};
		return MockServerWebExchange.from(MockServerHttpRequest.method(method, path)).mutate().request(request).build();
	}

}
