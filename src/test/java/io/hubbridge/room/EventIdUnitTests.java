package io.hubbridge.room;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdUnitTests {

	@Test
	void formatsAsEpochDashSequenceAndParsesBack() {
		EventId id = new EventId("k3x9q1", 42);
		assertThat(id.toString()).isEqualTo("k3x9q1-42");
		assertThat(EventId.parse("k3x9q1-42")).contains(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "42", "-42", "abc-", "abc-x", "abc--1", "abc-99999999999999999999" })
	void refusesWhatIsNotAnIdOfOurs(String text) {
		assertThat(EventId.parse(text)).isEmpty();
	}

}
