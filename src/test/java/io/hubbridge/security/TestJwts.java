package io.hubbridge.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * JWTs for tests, signed with an RSA key pair made for the test run. The bridge trusts
 * either the public key ({@code public-key-location}) or a local issuer that serves its
 * OpenID discovery document and key set ({@code issuer-uri}).
 */
final class TestJwts {

	private static final KeyPair TRUSTED = generate();

	private static final KeyPair OTHER = generate();

	private static final Path PUBLIC_KEY = writePublicKey();

	private static final TestIssuer ISSUER = TestIssuer.start((RSAPublicKey) TRUSTED.getPublic());

	private TestJwts() {
	}

	/** Makes the bridge trust the test key pair's public key, with no issuer check. */
	static void trustPublicKey(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
				() -> PUBLIC_KEY.toUri().toString());
	}

	/** Makes the bridge trust the local issuer, found by OpenID discovery. */
	static void trustIssuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::uri);
	}

	/**
	 * A valid token for a quarter of an hour, named {@code name} by preferred_username.
	 */
	static String valid(String name) {
		return sign(TRUSTED, (claims) -> claims.claim("preferred_username", name));
	}

	/** A valid token with only a subject. */
	static String withSubjectOnly(String subject) {
		return sign(TRUSTED, (claims) -> claims.subject(subject));
	}

	/**
	 * A token that expired ten minutes ago (well beyond the one minute of clock skew).
	 */
	static String expired(String name) {
		Instant now = Instant.now();
		return sign(TRUSTED,
				(claims) -> claims.claim("preferred_username", name)
					.issueTime(Date.from(now.minus(Duration.ofMinutes(30))))
					.expirationTime(Date.from(now.minus(Duration.ofMinutes(10)))));
	}

	/** A token signed with a key the bridge does not trust. */
	static String wrongSignature(String name) {
		return sign(OTHER, (claims) -> claims.claim("preferred_username", name));
	}

	/** A token from another issuer. */
	static String wrongIssuer(String name) {
		return sign(TRUSTED, (claims) -> claims.claim("preferred_username", name).issuer("https://evil.example.com"));
	}

	private static String sign(KeyPair keys, Consumer<JWTClaimsSet.Builder> customizer) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER.uri())
			.subject("subject-" + now.toEpochMilli())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
		customizer.accept(claims);
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path writePublicKey() {
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TRUSTED.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		try {
			Path file = Files.createTempFile("hub-bridge-jwt", ".pub");
			file.toFile().deleteOnExit();
			Files.writeString(file, pem);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
