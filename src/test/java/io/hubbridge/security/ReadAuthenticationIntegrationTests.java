package io.hubbridge.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.hubbridge.support.HttpReads;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.SseClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads and writes need credentials; keys come from a mounted file, JWTs are checked with
 * a public key. The stream also takes a token from the {@code access_token} query
 * parameter or the cookie, as a browser's EventSource can send nothing else, and no token
 * ends up in the logs, the access log included.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.security.reads=authenticated",
				"bridge.security.writes=authenticated", "reactor.netty.http.server.accessLogEnabled=true" })
class ReadAuthenticationIntegrationTests extends RunningBridge {

	static final String KEY = "reader-key-0123456789abcdef";

	// the bridge and Spring Security down to DEBUG; Spring's web layer (at DEBUG it
	// prints
	// every request's query string) at INFO, as by default
	private static final List<String> LOGGERS = List.of("io.hubbridge", "reactor.netty.http.server.AccessLog",
			"org.springframework.security", "org.springframework.web");

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Map<String, Level> levels = new java.util.HashMap<>();

	@DynamicPropertySource
	static void credentials(DynamicPropertyRegistry registry) {
		registry.add("bridge.security.api-keys-file", ReadAuthenticationIntegrationTests::keysFile);
		TestJwts.trustPublicKey(registry);
	}

	private static String keysFile() {
		try {
			Path file = Files.createTempFile("hub-bridge-api-keys", ".txt");
			file.toFile().deleteOnExit();
			Files.writeString(file,
					"# name:key, one a line\n\nreader: " + KEY + "\nother:other-key-0123456789abcdef\n");
			return file.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void captureLogs() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		for (String name : LOGGERS) {
			Logger logger = context.getLogger(name);
			this.levels.put(name, logger.getLevel());
			boolean debug = name.equals("io.hubbridge") || name.equals("org.springframework.security");
			logger.setLevel(debug ? Level.DEBUG : Level.INFO);
		}
		this.logs.start();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this.logs);
	}

	@AfterEach
	void restoreLogs() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.logs);
		this.levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
	}

	@Test
	void streamWithoutCredentialsIsRefusedWithAProblemNamingTheWaysABrowserHas() {
		ProblemAnswers.unauthorized(
				this.http.get().uri("/api/rooms/auth-reads/events").accept(MediaType.TEXT_EVENT_STREAM).exchange(),
				"a stream also takes the token as the access_token query parameter or the hub_bridge_token cookie");
	}

	@Test
	void streamWithTheApiKeyHeaderStarts() {
		try (SseClient stream = SseClient.connect(eventsUrl("auth-reads"), Map.of("X-API-Key", KEY))) {
			assertThat(stream.next().event()).isEqualTo("presence");
		}
	}

	@Test
	void streamWithAnApiKeyInTheQueryStarts() {
		try (SseClient stream = SseClient.connect(eventsUrl("auth-reads") + "?access_token=" + KEY)) {
			assertThat(stream.next().event()).isEqualTo("presence");
		}
	}

	@Test
	void streamWithAJwtInTheQueryStarts() {
		try (SseClient stream = SseClient
			.connect(eventsUrl("auth-reads") + "?access_token=" + TestJwts.valid("robin"))) {
			assertThat(stream.next().event()).isEqualTo("presence");
		}
	}

	@Test
	void streamWithAJwtInTheCookieStarts() {
		try (SseClient stream = SseClient.connect(eventsUrl("auth-reads"),
				Map.of(HttpHeaders.COOKIE, "hub_bridge_token=" + TestJwts.valid("robin")))) {
			assertThat(stream.next().event()).isEqualTo("presence");
		}
	}

	@Test
	void streamWithAnApiKeyInTheCookieStarts() {
		try (SseClient stream = SseClient.connect(eventsUrl("auth-reads"),
				Map.of(HttpHeaders.COOKIE, "theme=dark; hub_bridge_token=" + KEY))) {
			assertThat(stream.next().event()).isEqualTo("presence");
		}
	}

	@Test
	void streamWithAWrongOrExpiredQueryTokenIsRefused() {
		ProblemAnswers.unauthorized(this.http.get()
			.uri("/api/rooms/auth-reads/events?access_token=wrong-key-0123456789abcdef")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange(), "The API key is not valid");
		ProblemAnswers.unauthorized(this.http.get()
			.uri("/api/rooms/auth-reads/events?access_token=" + TestJwts.expired("robin"))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange(), "The bearer token has expired");
	}

	@Test
	void otherReadsNeedCredentialsInHeadersAndTakeNoQueryOrCookieToken() {
		for (String path : List.of("/api/rooms", "/api/rooms/auth-reads-other/presence",
				"/api/rooms/auth-reads-other/shouts")) {
			ProblemAnswers.unauthorized(this.http.get().uri(path).exchange(), "This request needs credentials");
			ProblemAnswers.unauthorized(this.http.get().uri(path + "?access_token=" + KEY).exchange(),
					"This request needs credentials");
			ProblemAnswers.unauthorized(
					this.http.get().uri(path).header(HttpHeaders.COOKIE, "hub_bridge_token=" + KEY).exchange(),
					"This request needs credentials");
			this.http.get()
				.uri(path)
				.header("X-API-Key", KEY)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult();
		}
	}

	@Test
	void aPostTakesNoCookieSoNoOtherSiteCanPostWithIt() {
		ProblemAnswers.unauthorized(this.http.post()
			.uri("/api/rooms/auth-reads/shouts")
			.header(HttpHeaders.COOKIE, "hub_bridge_token=" + KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"robin\",\"body\":\"hi\"}")
			.exchange(), "This request needs credentials");
	}

	@Test
	void aSecondKeyFromTheFileWorksToo() {
		this.http.get()
			.uri("/api/rooms")
			.header("X-API-Key", "other-key-0123456789abcdef")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
	}

	@Test
	void theOpenDocumentsStayOpen() {
		HttpReads.okBody(this.http, "/v3/api-docs");
		HttpReads.okBody(this.http, "/actuator/health");
	}

	@Test
	void aQueryTokenNeverReachesTheLogsNotEvenTheAccessLog() {
		String jwt = TestJwts.valid("robin");
		String wrongKey = "wrong-key-for-the-logs-0123456789";
		String room = "auth-reads-logs";
		try (SseClient stream = SseClient.connect(eventsUrl(room) + "?types=presence&access_token=" + jwt)) {
			assertThat(stream.next().event()).isEqualTo("presence");
		}
		ProblemAnswers.unauthorized(this.http.get()
			.uri("/api/rooms/" + room + "/events?types=presence&access_token=" + wrongKey)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange(), "The API key is not valid");
		// Reactor Netty writes an access log line when a response ends (a stream cut by
		// its client ends without one): the refused request's line, masked
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(accessLog()).anySatisfy((line) -> assertThat(line)
				.contains("\"GET /api/rooms/" + room + "/events?types=presence&access_token=*** HTTP/1.1\" 401 ")));
		List<String> lines = this.logs.list.stream().map(ReadAuthenticationIntegrationTests::text).toList();
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains(room));
		assertThat(lines).noneSatisfy((line) -> assertThat(line).contains(jwt));
		// nor any part of it: its signature is the secret part
		assertThat(lines).noneSatisfy((line) -> assertThat(line).contains(jwt.substring(jwt.lastIndexOf('.') + 1)));
		assertThat(lines).noneSatisfy((line) -> assertThat(line).contains(wrongKey));
	}

	private List<String> accessLog() {
		return this.logs.list.stream()
			.filter((event) -> event.getLoggerName().equals("reactor.netty.http.server.AccessLog"))
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	private static String text(ILoggingEvent event) {
		String text = event.getLoggerName() + " " + event.getFormattedMessage();
		if (event.getThrowableProxy() != null) {
			text += ThrowableProxyUtil.asString(event.getThrowableProxy());
		}
		return text;
	}

}
