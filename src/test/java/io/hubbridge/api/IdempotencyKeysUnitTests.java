package io.hubbridge.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an Idempotency-Key may be, and the fingerprints of requests. */
class IdempotencyKeysUnitTests {

	@Test
	void visibleAsciiKeysUpTo255CharactersAreAccepted() {
		assertThatNoException().isThrownBy(() -> IdempotencyKeys.check("5f0c6d2e-7d1f-4c1b-9a7e-2f4f1d1f8a90"));
		assertThatNoException().isThrownBy(() -> IdempotencyKeys.check("k"));
		assertThatNoException().isThrownBy(() -> IdempotencyKeys.check("!~\"quoted\"".repeat(25) + "abcde"));
	}

	@Test
	void emptyLongSpacedOrNonAsciiKeysAreRefused() {
		for (String key : new String[] { "", "x".repeat(256), "two words", "tab\there", "caf\u00e9", "nul\0" }) {
			assertThatThrownBy(() -> IdempotencyKeys.check(key)).as(key)
				.isInstanceOfSatisfying(InvalidRequestException.class,
						(ex) -> assertThat(ex.getBody().getProperties()).extractingByKey("errors")
							.asString()
							.contains("Idempotency-Key"));
		}
	}

	@Test
	void fingerprintsTellFieldsApart() {
		assertThat(IdempotencyKeys.fingerprint("robin", "hello"))
			.isEqualTo(IdempotencyKeys.fingerprint("robin", "hello"))
			.isNotEqualTo(IdempotencyKeys.fingerprint("robin", "hello!"))
			.isNotEqualTo(IdempotencyKeys.fingerprint("robi", "nhello"))
			.hasSize(64);
	}

}
