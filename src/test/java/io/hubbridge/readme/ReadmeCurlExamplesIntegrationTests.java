package io.hubbridge.readme;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.hubbridge.HubBridgeApplication;
import io.hubbridge.support.RunningBridge;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code curl} example of the README runs, with the real {@code curl}, against a
 * running bridge (its port put in place of {@code localhost:8080}), in the README's
 * order: it exits with 0, answers the status the README shows (or a 2xx) and, where the
 * README shows what comes back, JSON of that shape with those values (ids, times and
 * states aside). A stream must start with {@code retry:} and, where the README shows it,
 * its first event. An example this test cannot run fails it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.rooms.shout-confirm-timeout=30s" })
class ReadmeCurlExamplesIntegrationTests extends RunningBridge {

	private static final Path README = Path.of("README.md");

	/**
	 * Values that differ from run to run, or with timing: only their presence is checked.
	 */
	private static final Set<String> VARYING = Set.of("id", "lastEventId", "asOf", "receivedAt", "openedAt", "upstream",
			"state", "attempt", "reason", "subscribers");

	private static final Pattern FIELD = Pattern
		.compile("\"([A-Za-z]+)\":(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9]+|true|false|null|\\[]|\\{})");

	private static final Pattern EVENT_ID = Pattern.compile("[0-9a-z]+-[0-9]+");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_SECONDS = 60;

	private static final String SECURITY = "Security";

	/**
	 * The API key of the secured bridge, in {@code $KEY} as the README's Security section
	 * has it.
	 */
	private static final String KEY = "readme-" + UUID.randomUUID();

	private static List<String> readme;

	private static @Nullable ConfigurableApplicationContext securedBridge;

	@BeforeAll
	static void readReadme() throws IOException {
		readme = Files.readAllLines(README);
	}

	@AfterAll
	static void stopSecuredBridge() {
		if (securedBridge != null) {
			securedBridge.close();
		}
	}

	/** The bridge as the Security section starts it first: writes need an API key. */
	private static int securedBridgePort() {
		if (securedBridge == null) {
			securedBridge = new SpringApplicationBuilder(HubBridgeApplication.class).run("--server.port=0",
					"--bridge.embedded-hub.port=0", "--bridge.rooms.shout-confirm-timeout=30s",
					"--bridge.security.writes=authenticated", "--bridge.security.api-keys[0].name=ci",
					"--bridge.security.api-keys[0].key=" + KEY);
		}
		return ((ReactiveWebServerApplicationContext) securedBridge).getWebServer().getPort();
	}

	@Test
	void everyCurlOfTheReadmeIsAnExampleThisTestRuns() {
		List<CurlExample> examples = CurlExample.parse(readme);
		assertThat(examples).as("curl examples in README.md").isNotEmpty();
		assertThat(examples).hasSize(CurlExample.curlLinesInShellBlocks(readme));
		for (int i = 0; i < readme.size(); i++) {
			assertThat(readme.get(i))
				.as("README.md line %d: a runnable curl in running text; put it in a ```sh block, where it is tested",
						i + 1)
				.doesNotContainPattern("`curl [^`]*https?://");
		}
		examples.forEach((example) -> assertThat(
				example.section().equals(SECURITY) ? example.command().replace("$KEY", "") : example.command())
			.as("README.md line %d: a curl example must call the bridge at localhost:8080 and need no "
					+ "variables but the Security section's $KEY, or this test cannot run it", example.line())
			.containsPattern("(^|[\\s'\"/])localhost:8080/")
			.doesNotContain("$"));
	}

	@TestFactory
	Stream<DynamicTest> everyCurlExampleOfTheReadmeWorks() {
		assertThat(curl()).as("the curl binary on the PATH (.ci/run installs it)").isNotNull();
		return CurlExample.parse(readme)
			.stream()
			.map((example) -> DynamicTest.dynamicTest("README.md:" + example.line() + " " + example.command(),
					() -> run(example)));
	}

	private void run(CurlExample example) throws Exception {
		boolean secured = example.section().equals(SECURITY);
		int port = secured ? securedBridgePort() : this.port;
		String command = example.command().replace("localhost:8080", "localhost:" + port);
		boolean included = Arrays.asList(command.split("\\s+")).contains("-i");
		// headers in the output, and a bound on the time, whatever the example says
		command = "curl --max-time " + MAX_SECONDS + (included ? " " : " -D - ") + command.substring("curl ".length());
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		if (secured) {
			builder.environment().put("KEY", KEY);
		}
		Process process = builder.start();
		try {
			if (example.streams()) {
				checkStream(example, process);
			}
			else {
				checkAnswer(example, process);
			}
		}
		finally {
			process.destroy();
			process.waitFor(MAX_SECONDS, TimeUnit.SECONDS);
		}
	}

	private void checkAnswer(CurlExample example, Process process) throws Exception {
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(MAX_SECONDS, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("curl's exit code; it wrote:%n%s", output).isZero();
		int split = output.indexOf("\r\n\r\n");
		assertThat(split).as("headers, then the body: %s", output).isPositive();
		List<String> headers = List.of(output.substring(0, split).split("\r\n"));
		String body = output.substring(split + 4);
		checkStatus(example, headers.get(0), body);
		if (isHttp(example.output())) {
			example.output()
				.stream()
				.skip(1)
				.takeWhile((line) -> !line.isBlank())
				.forEach((header) -> assertThat(headers).as("headers")
					.anySatisfy((actual) -> assertThat(actual).startsWithIgnoringCase(header.strip())));
		}
		if (headers.stream().anyMatch((header) -> header.toLowerCase().matches("content-type: .*json.*"))) {
			JsonNode answer = JSON.readTree(body);
			String shown = shownJson(example);
			if (shown != null) {
				checkJson(shown, answer);
			}
		}
	}

	private void checkStream(CurlExample example, Process process) throws IOException {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String statusLine = reader.readLine();
		assertThat(statusLine).as("the status line").isNotNull();
		List<String> headers = new ArrayList<>();
		for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
			headers.add(line);
		}
		checkStatus(example, statusLine, "");
		assertThat(headers)
			.anySatisfy((header) -> assertThat(header).startsWithIgnoringCase("Content-Type: text/event-stream"));
		assertThat(reader.readLine()).as("the stream's first line").startsWith("retry: ");
		Map<String, String> shown = firstEvent(example.output());
		if (shown.isEmpty()) {
			return;
		}
		Map<String, String> first = new LinkedHashMap<>();
		for (String line = reader.readLine(); line != null
				&& !(line.isEmpty() && first.containsKey("data")); line = reader.readLine()) {
			if (!line.isEmpty() && !line.startsWith(":")) {
				first.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).strip());
			}
		}
		assertThat(first.get("event")).as("the first event's type").isEqualTo(shown.get("event"));
		assertThat(first.get("id")).as("the first event's id").matches(EVENT_ID);
		checkJson(shown.get("data"), JSON.readTree(first.get("data")));
	}

	private static void checkStatus(CurlExample example, String statusLine, String body) {
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Integer shown = shownStatus(example);
		if (shown != null) {
			assertThat(status).as("the status the README shows; the answer was %s %s", statusLine, body)
				.isEqualTo(shown);
		}
		else {
			assertThat(status).as("a 2xx status; the answer was %s %s", statusLine, body).isBetween(200, 299);
		}
	}

	private static Integer shownStatus(CurlExample example) {
		if (isHttp(example.output())) {
			return Integer.parseInt(example.output().get(0).split(" ")[1]);
		}
		Matcher status = Pattern.compile("\"status\":([0-9]{3})").matcher(example.comment());
		return status.find() ? Integer.parseInt(status.group(1)) : null;
	}

	private static boolean isHttp(List<String> output) {
		return !output.isEmpty() && output.get(0).startsWith("HTTP/");
	}

	/** The JSON the README shows for the answer, whole or in part; null if none. */
	private static String shownJson(CurlExample example) {
		if (isHttp(example.output())) {
			return example.output()
				.stream()
				.filter((line) -> line.startsWith("{") || line.startsWith("["))
				.reduce((first, second) -> second)
				.orElse(null);
		}
		String comment = example.comment();
		return (comment.startsWith("{") || comment.startsWith("[") || comment.startsWith("...")) ? comment : null;
	}

	/**
	 * The first event of a stream the README shows: its fields by name; empty if none.
	 */
	private static Map<String, String> firstEvent(List<String> output) {
		Map<String, String> event = new LinkedHashMap<>();
		for (String line : output) {
			if (line.isEmpty() && event.containsKey("data")) {
				break;
			}
			if (line.startsWith("id:") || line.startsWith("event:") || line.startsWith("data:")) {
				event.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).strip());
			}
		}
		return event;
	}

	/**
	 * The answer has the shape the README shows: the same fields, with the same values
	 * but for those that vary; JSON shown in part (with {@code ...}) has each field it
	 * shows with that value.
	 */
	private static void checkJson(String shown, JsonNode actual) {
		JsonNode whole;
		try {
			whole = JSON.readTree(shown);
		}
		catch (RuntimeException ex) {
			checkJsonPart(shown, actual);
			return;
		}
		checkShape("", whole, actual);
	}

	private static void checkShape(String path, JsonNode shown, JsonNode actual) {
		if (shown.isObject()) {
			assertThat(actual.isObject()).as("%s is an object: %s", path, actual).isTrue();
			assertThat(actual.propertyNames()).as("the fields of %s", path.isEmpty() ? "the answer" : path)
				.containsExactlyInAnyOrderElementsOf(shown.propertyNames());
			shown.properties().forEach((field) -> {
				if (!VARYING.contains(field.getKey())) {
					checkShape(path + "/" + field.getKey(), field.getValue(), actual.get(field.getKey()));
				}
			});
		}
		else if (shown.isArray()) {
			assertThat(actual.isArray()).as("%s is an array: %s", path, actual).isTrue();
			assertThat(actual.size()).as("the length of %s", path).isEqualTo(shown.size());
			for (int i = 0; i < shown.size(); i++) {
				checkShape(path + "/" + i, shown.get(i), actual.get(i));
			}
		}
		else {
			assertThat(actual).as(path).isEqualTo(shown);
		}
	}

	private static void checkJsonPart(String shown, JsonNode actual) {
		Matcher field = FIELD.matcher(shown);
		int found = 0;
		while (field.find()) {
			found++;
			String name = field.group(1);
			List<JsonNode> values = actual.findValues(name);
			assertThat(values).as("field %s in %s", name, actual).isNotEmpty();
			if (!VARYING.contains(name) && !field.group(2).equals("\"...\"")) {
				assertThat(values).as("field %s in %s", name, actual).contains(JSON.readTree(field.group(2)));
			}
		}
		assertThat(found).as("fields shown in %s", shown).isPositive();
	}

	private static File curl() {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((dir) -> new File(dir, "curl"))
			.filter(File::canExecute)
			.findFirst()
			.orElse(null);
	}

}
