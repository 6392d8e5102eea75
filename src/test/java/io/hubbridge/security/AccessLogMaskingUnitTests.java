package io.hubbridge.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogMaskingUnitTests {

	@Test
	void theAccessTokenValueIsMaskedAndTheRestKept() {
		assertThat(AccessLogMasking.mask("/api/rooms/lobby/events?types=shout&access_token=abc.def.ghi&x=1"))
			.isEqualTo("/api/rooms/lobby/events?types=shout&access_token=***&x=1");
	}

	@Test
	void everyAccessTokenIsMaskedHoweverItsNameIsWritten() {
		assertThat(AccessLogMasking.mask("/e?access_token=a&ACCESS_TOKEN=b&access%5Ftoken=c&access_token"))
			.isEqualTo("/e?access_token=***&ACCESS_TOKEN=***&access%5Ftoken=***&access_token=***");
	}

	@Test
	void aUriWithoutAQueryOrTokenIsKept() {
		assertThat(AccessLogMasking.mask("/api/rooms")).isEqualTo("/api/rooms");
		assertThat(AccessLogMasking.mask("/api/rooms?limit=5&bad=%zz")).isEqualTo("/api/rooms?limit=5&bad=%zz");
	}

}
