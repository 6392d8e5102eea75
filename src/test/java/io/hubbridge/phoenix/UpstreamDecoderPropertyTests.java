package io.hubbridge.phoenix;

import io.hubbridge.support.GarbageFrames;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whatever Hub (or something posing as Hub) sends, the decoder either returns a message
 * or says the frame is malformed; no other exception reaches the connection.
 */
class UpstreamDecoderPropertyTests {

	private static final String TOPIC = "room:lobby";

	@Property(tries = 500)
	void v1DecodesOrRefusesAsMalformed(@ForAll("textFrames") String text) {
		decodesOrRefuses(V1Serializer.INSTANCE, text);
	}

	@Property(tries = 500)
	void v2DecodesOrRefusesAsMalformed(@ForAll("textFrames") String text) {
		decodesOrRefuses(V2Serializer.INSTANCE, text);
	}

	@Property(tries = 300)
	void binaryFramesAreReadAsUtf8OrRefusedAsMalformed(@ForAll("binaryFrames") byte[] bytes) {
		BinaryWebSocketFrame frame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
		try {
			Throwable thrown = catchThrowable(() -> {
				String text = FrameText.of(frame);
				assertThat(text).isNotNull();
				decodesOrRefuses(V1Serializer.INSTANCE, text);
				decodesOrRefuses(V2Serializer.INSTANCE, text);
			});
			assertThat(thrown).as("only a frame that is not UTF-8 is refused, as malformed")
				.satisfiesAnyOf((t) -> assertThat(t).isNull(),
						(t) -> assertThat(t).isInstanceOf(MalformedFrameException.class)
							.hasMessage("binary frame is not UTF-8"));
		}
		finally {
			frame.release();
		}
	}

	@Property(tries = 300)
	void wellFormedEnvelopesDecodeToWhatTheyHold(@ForAll("payloads") JsonNode payload) {
		String v1 = "{\"topic\":\"room:lobby\",\"event\":\"shout\",\"payload\":" + GarbageFrames.write(payload)
				+ ",\"ref\":null}";
		String v2 = "[\"1\",\"2\",\"room:lobby\",\"shout\"," + GarbageFrames.write(payload) + "]";
		// compared as text: 0 written as a long reads back as an int
		assertThat(GarbageFrames.write(V1Serializer.INSTANCE.decode(v1).payload()))
			.isEqualTo(GarbageFrames.write(payload));
		Message message = V2Serializer.INSTANCE.decode(v2);
		assertThat(GarbageFrames.write(message.payload())).isEqualTo(GarbageFrames.write(payload));
		assertThat(message.joinRef()).isEqualTo("1");
		assertThat(message.topic()).isEqualTo(TOPIC);
	}

	private static void decodesOrRefuses(Serializer serializer, String text) {
		Message message;
		try {
			message = serializer.decode(text);
		}
		catch (MalformedFrameException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		assertThat(message.topic()).isNotNull();
		assertThat(message.event()).isNotNull();
		assertThat(message.payload()).isNotNull();
	}

	@Provide
	Arbitrary<String> textFrames() {
		return GarbageFrames.textFrames(TOPIC);
	}

	@Provide
	Arbitrary<byte[]> binaryFrames() {
		return GarbageFrames.binaryFrames(TOPIC);
	}

	@Provide
	Arbitrary<JsonNode> payloads() {
		return GarbageFrames.payloads();
	}

}
