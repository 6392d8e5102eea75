package io.hubbridge.phoenix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hubbridge.phoenix.Serializer.Version;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The frames of the transcripts captured from a real Hub
 * ({@code protocol/transcripts/*.txt} on the classpath): every {@code TEXT} frame and
 * every {@code BINARY} frame, with the serializer of its connection (from the {@code vsn}
 * of the connection's handshake) and whether Phoenix refused it (the next thing on that
 * connection was a {@code CLOSE 1011} from the server). Frames that the transcripts elide
 * (the multi-MiB ones) or that are not valid UTF-8 are left out.
 */
final class TranscriptFrames {

	private static final Pattern EVENT = Pattern.compile("^\\+\\s+[\\d.]+s \\[(.+?)\\] (.*)$");

	private static final Pattern HANDSHAKE = Pattern.compile("^HTTP >> GET (\\S+).*");

	private static final Pattern TEXT = Pattern.compile("^(>>|<<) TEXT ?(.*)$");

	private static final Pattern BINARY = Pattern.compile("^(>>|<<) BINARY \\d+ bytes hex=([0-9a-f]*)$");

	private static final Pattern SERVER_CLOSE = Pattern.compile("^<< CLOSE code=(\\d+).*");

	private static final Pattern ELIDED = Pattern.compile(" \\.\\.\\.<\\d+ chars elided; frame is");

	private TranscriptFrames() {
	}

	static List<Frame> all() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver()
				.getResources("classpath:protocol/transcripts/*.txt");
			List<Frame> frames = new ArrayList<>();
			for (Resource resource : resources) {
				try (InputStream in = resource.getInputStream()) {
					frames.addAll(parse(resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
			}
			if (frames.isEmpty()) {
				throw new IllegalStateException("no transcripts on the classpath");
			}
			return frames;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Frame> parse(String file, String transcript) {
		Map<String, Version> versions = new HashMap<>();
		List<Event> events = new ArrayList<>();
		String[] lines = transcript.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			Matcher line = EVENT.matcher(lines[i]);
			if (!line.matches()) {
				continue;
			}
			String connection = line.group(1);
			String rest = line.group(2);
			Matcher handshake = HANDSHAKE.matcher(rest);
			if (handshake.matches()) {
				versions.put(connection, handshake.group(1).contains("vsn=2.") ? Version.V2 : Version.V1);
				continue;
			}
			events.add(new Event(i + 1, connection, rest, versions.get(connection)));
		}
		List<Frame> frames = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			String text = frameText(event.rest());
			if (text == null) {
				continue;
			}
			if (event.version() == null) {
				throw new IllegalStateException(file + ":" + event.line() + " frame before any handshake");
			}
			boolean fromClient = event.rest().startsWith(">>");
			boolean refused = fromClient && nextOnSameConnectionIsServerClose(events, i, "1011");
			frames.add(new Frame(file, event.line(), event.connection(), fromClient, event.version(), text, refused));
		}
		return frames;
	}

	private static @Nullable String frameText(String rest) {
		Matcher text = TEXT.matcher(rest);
		if (text.matches()) {
			String frame = text.group(2);
			if (frame.startsWith("<invalid utf-8") || ELIDED.matcher(frame).find()) {
				return null;
			}
			return frame;
		}
		Matcher binary = BINARY.matcher(rest);
		if (binary.matches()) {
			return new String(HexFormat.of().parseHex(binary.group(2)), StandardCharsets.UTF_8);
		}
		return null;
	}

	private static boolean nextOnSameConnectionIsServerClose(List<Event> events, int index, String code) {
		String connection = events.get(index).connection();
		for (int i = index + 1; i < events.size(); i++) {
			Event next = events.get(i);
			if (next.connection().equals(connection)) {
				Matcher close = SERVER_CLOSE.matcher(next.rest());
				return close.matches() && close.group(1).equals(code);
			}
		}
		return false;
	}

	private record Event(int line, String connection, String rest, @Nullable Version version) {
	}

	/**
	 * One captured frame.
	 *
	 * @param file the transcript
	 * @param line its line in the transcript
	 * @param connection the connection's label
	 * @param fromClient whether the client sent it ({@code >>})
	 * @param version the serializer of the connection
	 * @param text the frame's text
	 * @param refusedByPhoenix whether Phoenix closed the socket with 1011 for it
	 */
	record Frame(String file, int line, String connection, boolean fromClient, Version version, String text,
			boolean refusedByPhoenix) {

		Serializer serializer() {
			return Serializer.forVersion(this.version);
		}

		@Override
		public String toString() {
			String shown = (this.text.length() > 100) ? this.text.substring(0, 100) + "..." : this.text;
			return this.file + ":" + this.line + " [" + this.connection + "] " + (this.fromClient ? ">> " : "<< ")
					+ shown;
		}

	}

}
