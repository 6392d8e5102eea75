package io.hubbridge.hub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.hubbridge.phoenix.MalformedFrameException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HubJsonUnitTests {

	@Test
	void sortedOrdersObjectKeysRecursivelyLikeElixirMaps() {
		String sorted = HubJson
			.sorted(HubJson.parse("{\"name\":1,\"body\":{\"z\":[{\"b\":1,\"a\":2}],\"a\":null},\"Zed\":0}"))
			.toString();
		assertThat(sorted).isEqualTo("{\"Zed\":0,\"body\":{\"a\":null,\"z\":[{\"a\":2,\"b\":1}]},\"name\":1}");
	}

	@Test
	void keysCompareByCodePointAsUtf8BytesDo() {
		// U+1F680 (a surrogate pair in UTF-16) sorts after U+FF5E in UTF-8
		assertThat(HubJson.ELIXIR_KEY_ORDER.compare("\uD83D\uDE80", "\uFF5E")).isPositive();
		assertThat(HubJson.ELIXIR_KEY_ORDER.compare("ab", "abc")).isNegative();
	}

	@Test
	void parseRefusesWhatJasonRefuses() {
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> HubJson.parse(""));
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> HubJson.parse("hello"));
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> HubJson.parse("[1] [2]"));
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> HubJson.parse("[1e400]"));
		assertThat(HubJson.parse(" 42 ").intValue()).isEqualTo(42);
	}

	@Test
	void utf8IsDecodedStrictly() {
		assertThat(HubJson.utf8(ByteBuffer.wrap("róbïn 🚀".getBytes(StandardCharsets.UTF_8)))).isEqualTo("róbïn 🚀");
		assertThat(HubJson.utf8(ByteBuffer.wrap(new byte[] { '"', (byte) 0xff, (byte) 0xfe, '"' }))).isNull();
	}

	@Test
	void presenceKeysAreElixirsToString() {
		assertThat(HubJson.elixirToString(HubJson.parse("\"robin\""))).hasValue("robin");
		assertThat(HubJson.elixirToString(HubJson.parse("null"))).hasValue("");
		assertThat(HubJson.elixirToString(HubJson.parse("42"))).hasValue("42");
		assertThat(HubJson.elixirToString(HubJson.parse("1.5"))).hasValue("1.5");
		assertThat(HubJson.elixirToString(HubJson.parse("true"))).hasValue("true");
		assertThat(HubJson.elixirToString(HubJson.parse("{\"a\":1}"))).isEmpty();
	}

}
