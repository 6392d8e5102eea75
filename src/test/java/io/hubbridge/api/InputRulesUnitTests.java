package io.hubbridge.api;

import java.util.Map;

import io.hubbridge.support.TestProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What room names, shout names and bodies may hold, by default and as configured. */
class InputRulesUnitTests {

	private final InputRules rules = new InputRules(TestProperties.defaults());

	@Test
	void roomNamesAreUnreservedUrlCharactersStartingWithALetterOrDigit() {
		for (String room : new String[] { "lobby", "A1", "a.b_c~d-e", "9", "r".repeat(255) }) {
			assertThat(this.rules.roomProblem(room)).as(room).isNull();
		}
		for (String room : new String[] { "-a", ".hidden", "~x", "two words", "a/b", "room:lobby", "caf\u00e9", "a%20b",
				"\ud83d\ude00" }) {
			assertThat(this.rules.roomProblem(room)).as(room)
				.isEqualTo("must match the pattern [A-Za-z0-9][A-Za-z0-9._~-]* (bridge.validation.room-pattern)");
		}
		assertThat(this.rules.roomProblem("")).isEqualTo("must not be empty");
	}

	@Test
	void hardRulesComeBeforeTheConfiguredPattern() {
		InputRules anything = new InputRules(TestProperties.bind(Map.of("bridge.validation.room-pattern", ".*")));
		assertThat(anything.roomProblem("caf\u00e9 au lait")).isNull();
		assertThat(anything.roomProblem("a\u0000b"))
			.startsWith("must not contain NUL characters (U+0000 at character 1)");
		assertThat(anything.roomProblem("a\tb"))
			.isEqualTo("must not contain control characters (U+0009 at character 1)");
		assertThat(anything.roomProblem("\u00e9".repeat(256)))
			.isEqualTo("must be at most 255 characters, not 256 (Hub stores it in a 255-character column)");
	}

	@Test
	void lengthsCountCharactersNotUtf16Units() {
		assertThat(this.rules.shoutNameProblem("\ud83d\ude00".repeat(255))).isNull();
		assertThat(this.rules.shoutNameProblem("\ud83d\ude00".repeat(256)))
			.startsWith("must be at most 255 characters, not 256");
	}

	@Test
	void bodiesMayHoldTabsAndLineBreaksButNoOtherControlCharacters() {
		assertThat(this.rules.bodyProblem("a\tb\r\nc\u2028d <script> data: x")).isNull();
		assertThat(this.rules.bodyProblem("ok\u007f")).isEqualTo(
				"must not contain control characters other than tab, line feed and carriage return (U+007F at character 2)");
		assertThat(this.rules.bodyProblem("\ud83d\ude00\u0085")).isEqualTo(
				"must not contain control characters other than tab, line feed and carriage return (U+0085 at character 1)");
	}

	@Test
	void unpairedSurrogatesAreRefusedWherever() {
		assertThat(this.rules.bodyProblem("x\ud800"))
			.startsWith("must not contain unpaired surrogates (U+D800 at character 1)");
		assertThat(this.rules.bodyProblem("\ude00x"))
			.startsWith("must not contain unpaired surrogates (U+DE00 at character 0)");
		assertThat(this.rules.shoutNameProblem("\ud83d\ude00\ud83d"))
			.startsWith("must not contain unpaired surrogates (U+D83D at character 1)");
	}

}
