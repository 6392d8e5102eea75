package io.hubbridge.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.hubbridge.config.BridgeProperties;
import org.jspecify.annotations.Nullable;

/**
 * The API keys the bridge accepts, from {@code bridge.security.api-keys} and
 * {@code bridge.security.api-keys-file}. Only their SHA-256 hashes are kept, and a
 * presented key is compared with every one in constant time.
 */
public final class ApiKeys {

	static final int MIN_LENGTH = 16;

	private final List<Entry> entries;

	private ApiKeys(List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	/**
	 * The keys configured in the given properties, read from the file too.
	 * @throws IllegalStateException naming the file line or the names of a bad key, never
	 * a key itself
	 */
	public static ApiKeys load(BridgeProperties.Security security) {
		List<Entry> entries = new ArrayList<>();
		for (BridgeProperties.Security.ApiKey apiKey : security.apiKeys()) {
			add(entries, apiKey.name(), apiKey.key(), "bridge.security.api-keys");
		}
		if (security.apiKeysFile() != null) {
			readFile(security.apiKeysFile(), entries);
		}
		return new ApiKeys(entries);
	}

	private static void readFile(Path file, List<Entry> entries) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("bridge.security.api-keys-file: cannot read " + file + ": " + ex, ex);
		}
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String where = "bridge.security.api-keys-file " + file + ", line " + (i + 1);
			int colon = line.indexOf(':');
			if (colon <= 0 || colon == line.length() - 1) {
				throw new IllegalStateException(where + ": expected name:key");
			}
			add(entries, line.substring(0, colon).strip(), line.substring(colon + 1).strip(), where);
		}
	}

	private static void add(List<Entry> entries, String name, String key, String where) {
		if (name.isEmpty()) {
			throw new IllegalStateException(where + ": an API key needs a name");
		}
		if (key == null || key.length() < MIN_LENGTH) {
			throw new IllegalStateException(
					where + ": the API key of '" + name + "' is shorter than " + MIN_LENGTH + " characters");
		}
		byte[] hash = sha256(key);
		for (Entry entry : entries) {
			if (MessageDigest.isEqual(entry.hash(), hash)) {
				throw new IllegalStateException(
						where + ": '" + name + "' has the same API key as '" + entry.name() + "'");
			}
		}
		entries.add(new Entry(name, hash));
	}

	/** The name of whom the key identifies, if it is one of the keys. */
	Optional<String> nameOf(String presented) {
		byte[] hash = sha256(presented);
		@Nullable String found = null;
		// every key is compared, so that the time taken says nothing about which matched
		for (Entry entry : this.entries) {
			if (MessageDigest.isEqual(entry.hash(), hash) && found == null) {
				found = entry.name();
			}
		}
		return Optional.ofNullable(found);
	}

	boolean isEmpty() {
		return this.entries.isEmpty();
	}

	int size() {
		return this.entries.size();
	}

	private static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	private record Entry(String name, byte[] hash) {

	}

}
