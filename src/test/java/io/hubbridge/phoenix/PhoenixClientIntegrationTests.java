package io.hubbridge.phoenix;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.hubbridge.phoenix.Disconnect.Kind;
import io.hubbridge.phoenix.ScriptedHub.HubConnection;
import io.hubbridge.phoenix.ScriptedHub.JoinMode;
import io.hubbridge.phoenix.ScriptedHub.Received;
import io.hubbridge.phoenix.Serializer.Version;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PhoenixClient} and {@link PhoenixChannel} over real sockets against a
 * {@link ScriptedHub}; run once per serializer by the subclasses.
 */
abstract class PhoenixClientIntegrationTests {

	static final Duration VERIFY = Duration.ofSeconds(5);

	static final String TOPIC = "room:lobby";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Sinks.Many<Message> heard = Sinks.many().replay().all();

	private final List<Message> heardSoFar = new CopyOnWriteArrayList<>();

	private final Consumer<Message> listener = (message) -> {
		this.heardSoFar.add(message);
		this.heard.tryEmitNext(message);
	};

	ScriptedHub hub;

	PhoenixClient client;

	/** The serializer under test. */
	abstract Version version();

	/** A frame as this serializer writes it, spelled out by hand. */
	abstract String frame(@Nullable String joinRef, @Nullable String ref, String topic, String event, String payload);

	/** A well-formed frame of the other serializer's shape. */
	abstract String frameOfTheOtherShape();

	/** A frame of this serializer's shape without its event. */
	abstract String frameMissingFields();

	@BeforeEach
	void startHub() {
		this.hub = new ScriptedHub();
		this.client = new PhoenixClient(HttpClient.newConnection());
	}

	@AfterEach
	void stopHub() {
		this.hub.close();
	}

	@Test
	void joinsWithTheVsnOfItsSerializerAndNoOrigin() {
		PhoenixChannel channel = join(spec());
		HubConnection upstream = this.hub.firstConnection();
		assertThat(upstream.uri()).endsWith("?vsn=" + Serializer.forVersion(version()).vsn());
		assertThat(upstream.headers().contains(HttpHeaderNames.ORIGIN)).isFalse();
		assertThat(channel.topic()).isEqualTo(TOPIC);
		assertThat(channel.connectionId()).matches("up-[0-9a-f]{4}");
		StepVerifier.create(upstream.received().map(Received::text))
			.expectNext(frame("1", "1", TOPIC, "phx_join", "{\"username\":\"robin\"}"))
			.thenCancel()
			.verify(VERIFY);
		channel.close();
	}

	@Test
	void deliversPresenceStateAndDiffThatFollowTheJoinReplyInOrder() {
		JsonNode presence = parse(
				"{\"robin2\":{\"metas\":[{\"phx_ref\":\"abc\",\"typing\":false,\"username\":\"robin2\"}]}}");
		this.hub.presenceState(presence);
		PhoenixChannel channel = join(spec());
		StepVerifier.create(this.heard.asFlux()).assertNext((message) -> {
			assertThat(message.event()).isEqualTo("presence_state");
			assertThat(message.topic()).isEqualTo(TOPIC);
			assertThat(message.payload()).isEqualTo(presence);
		}).assertNext((message) -> {
			assertThat(message.event()).isEqualTo("presence_diff");
			assertThat(message.payload().at("/joins/robin/metas/0/username").stringValue()).isEqualTo("robin");
		}).thenCancel().verify(VERIFY);
		channel.close();
	}

	@Test
	void aJoinCancelledAfterHubAnsweredItButBeforeItsChannelReachedTheCallerIsClosed() throws Exception {
		CountDownLatch answered = new CountDownLatch(1);
		CountDownLatch cancelled = new CountDownLatch(1);
		// holds the client's thread where Hub's answer has settled the join and the
		// channel is not yet handed over (the "joined" line is logged there), until the
		// caller has cancelled
		AppenderBase<ILoggingEvent> holdAtJoined = new AppenderBase<>() {
			@Override
			protected void append(ILoggingEvent event) {
				if (event.getFormattedMessage().endsWith(" joined")) {
					answered.countDown();
					try {
						cancelled.await(VERIFY.toMillis(), TimeUnit.MILLISECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
		};
		Logger logger = (Logger) LoggerFactory.getLogger(UpstreamConnection.class);
		holdAtJoined.start();
		logger.addAppender(holdAtJoined);
		try {
			AtomicReference<PhoenixChannel> delivered = new AtomicReference<>();
			Disposable join = this.client.join(spec(), this.listener).subscribe(delivered::set);
			assertThat(answered.await(VERIFY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			join.dispose();
			cancelled.countDown();
			StepVerifier.create(this.hub.firstConnection().closed())
				.as("the socket closed, not left joined")
				.expectComplete()
				.verify(VERIFY);
			assertThat(delivered.get()).isNull();
		}
		finally {
			logger.detachAppender(holdAtJoined);
			cancelled.countDown();
		}
	}

	@Test
	void pushWritesTheFrameWithRefAndJoinRef() {
		PhoenixChannel channel = join(spec());
		ObjectNode shout = object().put("body", "hi").put("channel", "lobby").put("name", "robin");
		StepVerifier.create(channel.push("shout", shout)).expectComplete().verify(VERIFY);
		StepVerifier.create(this.hub.firstConnection().received().map(Received::text))
			.expectNextCount(1)
			.expectNext(frame("1", "2", TOPIC, "shout", "{\"body\":\"hi\",\"channel\":\"lobby\",\"name\":\"robin\"}"))
			.thenCancel()
			.verify(VERIFY);
		// Hub broadcasts a shout to its sender too
		StepVerifier.create(this.heard.asFlux().filter((message) -> message.event().equals("shout")))
			.assertNext((message) -> assertThat(message.payload()).isEqualTo(shout))
			.thenCancel()
			.verify(VERIFY);
		channel.close();
	}

	@Test
	void requestCompletesWithTheReplyToItsRefWhichTheListenerDoesNotSee() {
		PhoenixChannel channel = join(spec());
		ObjectNode typing = object().put("username", "robin").put("typing", true);
		StepVerifier.create(channel.request("user:typing", typing, VERIFY)).assertNext((reply) -> {
			assertThat(reply.isReply()).isTrue();
			assertThat(reply.ref()).isEqualTo("2");
			assertThat(reply.replyStatus()).isEqualTo(Message.STATUS_OK);
		}).expectComplete().verify(VERIFY);
		channel.close();
		StepVerifier.create(channel.disconnected()).expectNextCount(1).expectComplete().verify(VERIFY);
		assertThat(this.heardSoFar).extracting(Message::event).containsExactly("presence_state", "presence_diff");
	}

	@Test
	void requestWithoutReplyTimesOut() {
		PhoenixChannel channel = join(spec());
		StepVerifier.create(channel.request("shout", object().put("body", "x"), Duration.ofMillis(200)))
			.expectError(PushTimeoutException.class)
			.verify(VERIFY);
		channel.close();
	}

	@Test
	void requestFailsWhenTheConnectionEndsFirst() {
		PhoenixChannel channel = join(spec());
		HubConnection upstream = this.hub.firstConnection();
		StepVerifier.create(channel.request("shout", object().put("body", "x"), VERIFY))
			.then(() -> upstream.close(1000, "").block(VERIFY))
			.expectError(ConnectionClosedException.class)
			.verify(VERIFY);
	}

	@Test
	void joinRefusedFailsWithTheResponseAfterClosingTheSocket() {
		this.hub.joinMode(JoinMode.REFUSE);
		StepVerifier.create(this.client.join(spec(), this.listener))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(JoinRefusedException.class,
					(refused) -> assertThat(refused.response().get("reason").stringValue()).isEqualTo("join crashed")))
			.verify(VERIFY);
		StepVerifier.create(this.hub.firstConnection().closed()).expectComplete().verify(VERIFY);
	}

	@Test
	void joinWithoutReplyTimesOutAndClosesTheSocket() {
		this.hub.joinMode(JoinMode.SILENT);
		JoinSpec spec = spec().withTimeouts(VERIFY, Duration.ofMillis(300));
		StepVerifier.create(this.client.join(spec, this.listener))
			.expectError(JoinTimeoutException.class)
			.verify(VERIFY);
		HubConnection upstream = this.hub.firstConnection();
		StepVerifier.create(upstream.closeStatus())
			.assertNext((status) -> assertThat(status.code()).isEqualTo(1000))
			.expectComplete()
			.verify(VERIFY);
		StepVerifier.create(upstream.closed()).expectComplete().verify(VERIFY);
	}

	@Test
	void cancellingTheJoinClosesTheSocket() {
		this.hub.joinMode(JoinMode.SILENT);
		StepVerifier.create(this.client.join(spec(), this.listener))
			.expectSubscription()
			.then(() -> this.hub.firstConnection().received().blockFirst(VERIFY))
			.thenCancel()
			.verify(VERIFY);
		StepVerifier.create(this.hub.firstConnection().closed()).expectComplete().verify(VERIFY);
	}

	@Test
	void refusedConnectionFailsToConnect() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		JoinSpec spec = specFor(URI.create("ws://127.0.0.1:" + port + "/socket/websocket"));
		StepVerifier.create(this.client.join(spec, this.listener))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ConnectFailedException.class,
					(failed) -> assertThat(failed.httpStatus()).isNull()))
			.verify(VERIFY);
	}

	@Test
	void refusedHandshakeFailsToConnectWithItsStatus() {
		StepVerifier.create(this.client.join(specFor(this.hub.url("/forbidden/websocket")), this.listener))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ConnectFailedException.class,
					(failed) -> assertThat(failed.httpStatus()).isEqualTo(403)))
			.verify(VERIFY);
	}

	@Test
	void handshakeThatNeverCompletesTimesOut() {
		JoinSpec spec = specFor(this.hub.url("/silent/websocket")).withTimeouts(Duration.ofMillis(300), VERIFY);
		StepVerifier.create(this.client.join(spec, this.listener))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ConnectFailedException.class)
				.hasMessageContaining("within 300 ms"))
			.verify(VERIFY);
		StepVerifier.create(this.hub.silentRequestClosed()).expectComplete().verify(VERIFY);
	}

	@Test
	void heartbeatsOnTopicPhoenixEveryInterval() {
		Duration interval = Duration.ofMillis(200);
		PhoenixChannel channel = join(spec().withHeartbeatInterval(interval));
		HubConnection upstream = this.hub.firstConnection();
		long opened = upstream.openedNanos();
		StepVerifier.create(upstream.received().skip(1).take(2)).assertNext((first) -> {
			assertThat(first.text()).isEqualTo(frame(null, "2", "phoenix", "heartbeat", "{}"));
			// one interval after the socket opened, less the handshake's way back
			assertThat(Duration.ofNanos(first.nanos() - opened)).isGreaterThan(interval.minusMillis(50));
		})
			.assertNext((second) -> assertThat(second.text()).isEqualTo(frame(null, "3", "phoenix", "heartbeat", "{}")))
			.expectComplete()
			.verify(VERIFY);
		// answered heartbeats keep the channel open
		StepVerifier.create(channel.request("user:typing", object(), VERIFY))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY);
		channel.close();
	}

	@Test
	void unansweredHeartbeatClosesTheSocketWhenTheNextIsDue() {
		Duration interval = Duration.ofMillis(150);
		this.hub.answerHeartbeats(false);
		PhoenixChannel channel = join(spec().withHeartbeatInterval(interval));
		long joined = System.nanoTime();
		StepVerifier.create(channel.disconnected()).assertNext((disconnect) -> {
			assertThat(disconnect).isEqualTo(new Disconnect(Kind.HEARTBEAT_TIMEOUT, 1000, "heartbeat timeout"));
			assertThat(disconnect.channelLevel()).isFalse();
			// first heartbeat after one interval, found unanswered after the second
			assertThat(Duration.ofNanos(System.nanoTime() - joined))
				.isLessThan(interval.multipliedBy(2).plusSeconds(1));
		}).expectComplete().verify(VERIFY);
		StepVerifier.create(this.hub.firstConnection().closeStatus()).assertNext((status) -> {
			assertThat(status.code()).isEqualTo(1000);
			assertThat(status.reasonText()).isEqualTo("heartbeat timeout");
		}).expectComplete().verify(VERIFY);
	}

	@Test
	void phxErrorEndsTheChannelAndClosesTheSocket() {
		PhoenixChannel channel = join(spec());
		HubConnection upstream = this.hub.firstConnection();
		upstream.send(new Message("1", "1", TOPIC, Message.ERROR, object())).block(VERIFY);
		StepVerifier.create(channel.disconnected()).assertNext((disconnect) -> {
			assertThat(disconnect.kind()).isEqualTo(Kind.CHANNEL_ERROR);
			assertThat(disconnect.channelLevel()).isTrue();
		}).expectComplete().verify(VERIFY);
		StepVerifier.create(upstream.closeStatus())
			.assertNext((status) -> assertThat(status.code()).isEqualTo(1000))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void phxCloseEndsTheChannel() {
		PhoenixChannel channel = join(spec());
		this.hub.firstConnection().send(new Message("1", "1", TOPIC, Message.CLOSE, object())).block(VERIFY);
		StepVerifier.create(channel.disconnected().map(Disconnect::kind))
			.expectNext(Kind.CHANNEL_CLOSED)
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void serverCloseEndsTheChannelWithItsCode() {
		PhoenixChannel channel = join(spec());
		// Hub's idle close: 1000 with an empty reason
		this.hub.firstConnection().close(1000, "").block(VERIFY);
		StepVerifier.create(channel.disconnected())
			.expectNext(new Disconnect(Kind.SOCKET_CLOSED, 1000, ""))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void droppedTcpEndsTheChannelWithoutCode() {
		PhoenixChannel channel = join(spec());
		this.hub.firstConnection().dropTcp();
		StepVerifier.create(channel.disconnected()).assertNext((disconnect) -> {
			assertThat(disconnect.kind()).isEqualTo(Kind.SOCKET_CLOSED);
			assertThat(disconnect.closeStatus()).isNull();
		}).expectComplete().verify(VERIFY);
		StepVerifier.create(channel.push("shout", object()))
			.expectError(ConnectionClosedException.class)
			.verify(VERIFY);
		StepVerifier.create(channel.leave(VERIFY)).expectComplete().verify(VERIFY);
	}

	@Test
	void malformedFramesAreDroppedAndCountedWhileTheChannelStaysUsable() {
		PhoenixChannel channel = join(spec().withEvents(Set.of("presence_state", "presence_diff", "shout")));
		HubConnection upstream = this.hub.firstConnection();
		String shout = frame(null, null, TOPIC, "shout", "{\"body\":\"binary\"}");
		upstream.sendText("hello")
			.then(upstream.sendBinary(new byte[] { 0, 1, 2, (byte) 0xff, (byte) 0xfe }))
			.then(upstream.sendText(frameOfTheOtherShape()))
			.then(upstream.sendText(frameMissingFields()))
			.then(upstream.sendText(frame(null, null, TOPIC, "foo", "{}")))
			.then(upstream.sendBinary(shout.getBytes(StandardCharsets.UTF_8)))
			.then(upstream.sendText(frame(null, null, TOPIC, "shout", "{\"body\":\"text\"}")))
			.block(VERIFY);
		StepVerifier.create(this.heard.asFlux().skip(2).map((message) -> message.payload().get("body").stringValue()))
			.expectNext("binary", "text")
			.thenCancel()
			.verify(VERIFY);
		assertThat(channel.malformedFrames()).isEqualTo(5);
		StepVerifier.create(channel.request("user:typing", object(), VERIFY))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY);
		channel.close();
	}

	@Test
	void messagesOfAnotherJoinOrTopicAreDroppedWithoutCounting() {
		PhoenixChannel channel = join(spec());
		HubConnection upstream = this.hub.firstConnection();
		upstream.sendText(frame("99", null, TOPIC, "shout", "{\"body\":\"older join\"}"))
			.then(upstream.sendText(frame(null, null, "room:other", "shout", "{\"body\":\"other topic\"}")))
			.then(upstream.sendText(frame(null, null, TOPIC, "shout", "{\"body\":\"ours\"}")))
			.block(VERIFY);
		StepVerifier.create(this.heard.asFlux().skip(2).map((message) -> message.payload().get("body").stringValue()))
			.expectNext("ours")
			.thenCancel()
			.verify(VERIFY);
		assertThat(channel.malformedFrames()).isZero();
		channel.close();
	}

	@Test
	void listenerThatThrowsDoesNotEndTheConnection() {
		AtomicInteger calls = new AtomicInteger();
		Consumer<Message> throwing = (message) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("listener bug");
			}
			this.heard.tryEmitNext(message);
		};
		PhoenixChannel channel = this.client.join(spec(), throwing).block(VERIFY);
		StepVerifier.create(this.heard.asFlux().map(Message::event))
			.expectNext("presence_diff")
			.thenCancel()
			.verify(VERIFY);
		StepVerifier.create(channel.request("user:typing", object(), VERIFY))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY);
		channel.close();
	}

	@Test
	void leaveSendsPhxLeaveThenClosesTheSocket() {
		PhoenixChannel channel = join(spec());
		HubConnection upstream = this.hub.firstConnection();
		StepVerifier.create(channel.leave(VERIFY)).expectComplete().verify(VERIFY);
		StepVerifier.create(upstream.received().map(Received::text))
			.expectNextCount(1)
			.expectNext(frame("1", "2", TOPIC, "phx_leave", "{}"))
			.thenCancel()
			.verify(VERIFY);
		StepVerifier.create(upstream.closeStatus())
			.assertNext((status) -> assertThat(status.code()).isEqualTo(1000))
			.expectComplete()
			.verify(VERIFY);
		StepVerifier.create(channel.disconnected())
			.expectNext(new Disconnect(Kind.LEFT, 1000, "left"))
			.expectComplete()
			.verify(VERIFY);
		StepVerifier.create(channel.leave(VERIFY)).expectComplete().verify(VERIFY);
		StepVerifier.create(channel.push("shout", object()))
			.expectError(ConnectionClosedException.class)
			.verify(VERIFY);
	}

	@Test
	void closeClosesTheSocketWith1000() {
		PhoenixChannel channel = join(spec());
		// let the join's burst end so that the server reads the close frame before TCP
		// closes
		StepVerifier.create(this.heard.asFlux().map(Message::event))
			.expectNext("presence_state", "presence_diff")
			.thenCancel()
			.verify(VERIFY);
		channel.close();
		StepVerifier.create(channel.disconnected())
			.expectNext(new Disconnect(Kind.CLOSED, 1000, "closed"))
			.expectComplete()
			.verify(VERIFY);
		StepVerifier.create(this.hub.firstConnection().closeStatus())
			.assertNext((status) -> assertThat(status.code()).isEqualTo(1000))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void eightMebibyteFrameArrivesWhole() {
		PhoenixChannel channel = join(spec());
		String body = "B".repeat(8 * 1024 * 1024);
		this.hub.firstConnection()
			.send(new Message(null, null, TOPIC, "shout", object().put("body", body).put("name", "robin2")))
			.block(VERIFY);
		StepVerifier.create(this.heard.asFlux().filter((message) -> message.event().equals("shout")))
			.assertNext((message) -> assertThat(message.payload().get("body").stringValue()).isEqualTo(body))
			.thenCancel()
			.verify(VERIFY);
		channel.close();
	}

	@Test
	void frameLargerThanTheLimitEndsTheChannel() {
		PhoenixChannel channel = join(spec().withMaxFramePayloadLength(64 * 1024));
		this.hub.firstConnection()
			.send(new Message(null, null, TOPIC, "shout", object().put("body", "B".repeat(128 * 1024))))
			.block(VERIFY);
		assertEndedAsTooLarge(channel);
	}

	@Test
	void fragmentedMessageWithinTheLimitArrivesWhole() {
		PhoenixChannel channel = join(spec().withMaxFramePayloadLength(64 * 1024));
		String body = "F".repeat(48 * 1024);
		this.hub.firstConnection()
			.sendFragmented(new Message(null, null, TOPIC, "shout", object().put("body", body)), 4096)
			.block(VERIFY);
		StepVerifier.create(this.heard.asFlux().filter((message) -> message.event().equals("shout")))
			.assertNext((message) -> assertThat(message.payload().get("body").stringValue()).isEqualTo(body))
			.thenCancel()
			.verify(VERIFY);
		channel.close();
	}

	@Test
	void fragmentsAddingUpToMoreThanTheLimitEndTheChannel() {
		PhoenixChannel channel = join(spec().withMaxFramePayloadLength(64 * 1024));
		// each fragment is small: only the aggregate limit can refuse the message
		this.hub.firstConnection()
			.sendFragmented(new Message(null, null, TOPIC, "shout", object().put("body", "F".repeat(128 * 1024))), 4096)
			.block(VERIFY);
		assertEndedAsTooLarge(channel);
	}

	@Test
	void pushLargerThanTheLimitIsRefusedAndTheChannelCarriesOn() {
		PhoenixChannel channel = join(spec().withMaxFramePayloadLength(64 * 1024));
		// two-byte characters: the limit counts bytes, not characters
		ObjectNode tooLarge = object().put("body", "é".repeat(33 * 1024)).put("name", "robin");
		StepVerifier.create(channel.push("shout", tooLarge))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(FrameTooLargeException.class)
				.hasMessageContaining("exceeds the frame limit of 65536 bytes"))
			.verify(VERIFY);
		ObjectNode fits = object().put("body", "fits").put("name", "robin");
		StepVerifier.create(channel.push("shout", fits)).expectComplete().verify(VERIFY);
		StepVerifier.create(this.hub.firstConnection().messages().filter((message) -> message.event().equals("shout")))
			.assertNext((message) -> assertThat(message.payload().get("body").stringValue()).isEqualTo("fits"))
			.thenCancel()
			.verify(VERIFY);
		channel.close();
	}

	JoinSpec spec() {
		return specFor(this.hub.socketUrl());
	}

	JoinSpec specFor(URI url) {
		return new JoinSpec(url, version(), TOPIC, object().put("username", "robin"), VERIFY, VERIFY,
				Duration.ofSeconds(30), ScriptedHub.MAX_FRAME);
	}

	PhoenixChannel join(JoinSpec spec) {
		PhoenixChannel channel = this.client.join(spec, this.listener).block(VERIFY);
		assertThat(channel).isNotNull();
		return channel;
	}

	static String quoted(@Nullable String value) {
		return (value != null) ? "\"" + value + "\"" : "null";
	}

	private static ObjectNode object() {
		return JsonNodeFactory.instance.objectNode();
	}

	private static JsonNode parse(String text) {
		return json.readTree(text);
	}

	/** The channel closed with 1009 (message too big) and no shout was heard. */
	private void assertEndedAsTooLarge(PhoenixChannel channel) {
		StepVerifier.create(channel.disconnected()).assertNext((disconnect) -> {
			assertThat(disconnect.kind()).isEqualTo(Kind.DECODE_ERROR);
			assertThat(disconnect.closeStatus()).isEqualTo(1009);
		}).expectComplete().verify(VERIFY);
		assertThat(this.heardSoFar).extracting(Message::event).doesNotContain("shout");
	}

}
