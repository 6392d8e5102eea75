package io.hubbridge.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The {@code Idempotency-Key} request header: what is accepted, and fingerprints. */
final class IdempotencyKeys {

	static final String HEADER = "Idempotency-Key";

	/** Added to an answer that repeats the first answer given for the same key. */
	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	static final int MAX_LENGTH = 255;

	private IdempotencyKeys() {
	}

	/**
	 * @throws InvalidRequestException unless the key is 1 to 255 visible ASCII characters
	 */
	static void check(String key) {
		if (key.isEmpty() || key.length() > MAX_LENGTH) {
			throw InvalidRequestException.field(HEADER, "must be 1 to " + MAX_LENGTH + " characters");
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				throw InvalidRequestException.field(HEADER,
						"must be visible ASCII characters only (no spaces or control characters)");
			}
		}
	}

	/**
	 * A digest of the request's fields, so that a reused key is recognised without
	 * keeping a (possibly large) body.
	 */
	static String fingerprint(String... fields) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String field : fields) {
				byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
				// length-prefixed: ("ab","c") and ("a","bc") differ
				digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
				digest.update((byte) ':');
				digest.update(bytes);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

}
