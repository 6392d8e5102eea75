package io.hubbridge.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import org.springframework.util.FileSystemUtils;

/**
 * The chart under {@code helm/hub-bridge}, linted and rendered by the helm binary that
 * helm-java bundles (no cluster, no network).
 */
final class HelmChart {

	static final Path DIRECTORY = Path.of("helm/hub-bridge");

	/** Every option set to something other than its default (chart-testing's ci/). */
	static final Path FULL_VALUES = DIRECTORY.resolve("ci/full-values.yaml");

	static final String RELEASE = "chat";

	private HelmChart() {
	}

	/**
	 * The manifests of the chart's {@code helm test} hooks, which {@code helm template}
	 * leaves out of what helm-java returns: rendered from a copy of the chart whose hook
	 * annotations are taken out.
	 */
	static Manifests templateTestHooks(Map<String, Object> sets) throws IOException {
		Path copy = Files.createTempDirectory("hub-bridge-chart");
		try {
			try (Stream<Path> files = Files.walk(DIRECTORY)) {
				for (Path file : files.toList()) {
					Path target = copy.resolve(DIRECTORY.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(target);
					}
					else {
						List<String> lines = Files.readAllLines(file);
						Files.write(target, lines.stream().filter((line) -> !line.contains("\"helm.sh/hook")).toList());
					}
				}
			}
			Manifests rendered = template(copy, null, sets);
			Manifests workload = template(sets);
			return new Manifests(rendered.documents()
				.stream()
				.filter((document) -> !workload.documents().contains(document))
				.toList());
		}
		finally {
			FileSystemUtils.deleteRecursively(copy);
		}
	}

	/** What {@code helm install} prints after installing: the chart's NOTES.txt. */
	static String notes(Map<String, Object> sets) {
		InstallCommand install = new Helm(DIRECTORY).install()
			.withName(RELEASE)
			.withNamespace("chat")
			.clientOnly()
			.dryRun();
		for (Map.Entry<String, Object> set : sets.entrySet()) {
			install = install.set(set.getKey(), set.getValue());
		}
		String output = install.call().getOutput();
		return output.substring(output.indexOf("NOTES:"));
	}

	static LintResult lint() {
		return new Helm(DIRECTORY).lint().strict().call();
	}

	/** The manifests with the chart's default values and the given {@code --set}s. */
	static Manifests template(Map<String, Object> sets) {
		return template(null, sets);
	}

	/** The manifests with a values file (or none) and the given {@code --set}s. */
	static Manifests template(Path valuesFile, Map<String, Object> sets) {
		return template(DIRECTORY, valuesFile, sets);
	}

	private static Manifests template(Path chart, Path valuesFile, Map<String, Object> sets) {
		TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace("chat");
		if (valuesFile != null) {
			command = command.withValuesFile(valuesFile);
		}
		for (Map.Entry<String, Object> set : sets.entrySet()) {
			command = command.set(set.getKey(), set.getValue());
		}
		return Manifests.parse(command.call());
	}

}
