package io.hubbridge.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image is built as CI builds the application and runs it as the chart expects; there
 * is no container engine here, so these read the Dockerfile.
 */
class DockerfileTests {

	private final Dockerfile dockerfile = Dockerfile.read();

	@Test
	void buildAndRuntimeUseTheJavaVersionOfThePom() throws IOException {
		Matcher version = Pattern.compile("<java.version>(\\d+)</java.version>")
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(version.find()).isTrue();
		assertThat(this.dockerfile.all("FROM")).containsExactly("eclipse-temurin:" + version.group(1) + "-jdk AS build",
				"eclipse-temurin:" + version.group(1) + "-jre");
	}

	@Test
	void buildRunsTheWrapperAsCiDoesWithDependenciesResolvedInALayerOfTheirOwn() throws IOException {
		String ci = Files.readString(Path.of(".ci/run"));
		assertThat(ci).contains("./mvnw -B -ntp verify");
		List<String> runs = this.dockerfile.all("RUN");
		assertThat(runs.get(0)).startsWith("--mount=type=cache,target=/root/.m2 ./mvnw -B -ntp dependency:go-offline");
		assertThat(runs.get(1)).startsWith("--mount=type=cache,target=/root/.m2 ./mvnw -B -ntp package -DskipTests")
			.contains("java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted");
		// the pom and the wrapper before the sources, so that a change of code keeps the
		// dependency layer
		assertThat(this.dockerfile.all("COPY").subList(0, 3)).containsExactly("mvnw pom.xml ./", ".mvn/ .mvn/",
				"src/ src/");
	}

	@Test
	void theContextHoldsWhatTheBuildCopies() throws IOException {
		List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
		assertThat(ignore).contains("*", "!mvnw", "!.mvn/", "!pom.xml", "!src/");
	}

	@Test
	void runtimeCopiesTheFourLayersFromLeastToMostOftenChanged() {
		assertThat(this.dockerfile.runtimeStage().all("COPY")).containsExactly(
				"--from=build /build/extracted/dependencies/ ./",
				"--from=build /build/extracted/spring-boot-loader/ ./",
				"--from=build /build/extracted/snapshot-dependencies/ ./",
				"--from=build /build/extracted/application/ ./");
		assertThat(Dockerfile.execForm(this.dockerfile.last("ENTRYPOINT"))).containsExactly("java",
				"org.springframework.boot.loader.launch.JarLauncher");
	}

	@Test
	void exposesTheApplicationsDefaultPort() {
		int port = Configuration.defaultPort();
		assertThat(this.dockerfile.last("EXPOSE")).isEqualTo(String.valueOf(port));
		assertThat(this.dockerfile.last("ENV")).contains("PORT=" + port);
	}

	@Test
	void runsAsTheNonRootUserTheChartExpects() {
		String user = this.dockerfile.runtimeStage().last("USER");
		assertThat(user).matches("\\d+:\\d+");
		int uid = Integer.parseInt(user.substring(0, user.indexOf(':')));
		assertThat(uid).isPositive();
		Object runAsUser = Node.at(HelmChart.template(java.util.Map.of()).podSpec(), "securityContext.runAsUser");
		assertThat(runAsUser).isEqualTo(uid);
	}

	@Test
	void sizesTheHeapByTheContainersMemory() {
		assertThat(this.dockerfile.last("ENV")).contains("JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75")
			.contains("-XX:+ExitOnOutOfMemoryError");
	}

	@Test
	void healthCheckAsksTheLivenessGroup() {
		assertThat(HealthCheck.command())
			.anySatisfy((argument) -> assertThat(argument).contains("GET /actuator/health/liveness HTTP/1.1"));
	}

}
