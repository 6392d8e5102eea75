package io.hubbridge;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code: packages by feature with dependencies pointing one way
 * ({@code api → room → phoenix}, {@code hub → phoenix}, {@code api → security → config}),
 * no cycles, and tests that cannot hang.
 */
class ArchitectureTests {

	private static JavaClasses main;

	private static JavaClasses tests;

	@BeforeAll
	static void importClasses() {
		main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.hubbridge");
		// the client generated from the OpenAPI document (io.hubbridge.client) is not
		// ours to shape
		tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
			.withImportOption((location) -> !location.contains("/io/hubbridge/client/"))
			.importPackages("io.hubbridge");
	}

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("io.hubbridge.(*)..").should().beFreeOfCycles().check(main);
	}

	@Test
	void phoenixKnowsNothingOfRoomsHttpOrTheEmbeddedHub() {
		onlyDependsOn("phoenix").check(main);
	}

	@Test
	void embeddedHubDependsOnlyOnThePhoenixProtocol() {
		onlyDependsOn("hub", "phoenix", "config").check(main);
	}

	@Test
	void roomsDoNotKnowHttpOrTheEmbeddedHub() {
		onlyDependsOn("room", "phoenix", "config").check(main);
	}

	@Test
	void apiReachesHubOnlyThroughRooms() {
		onlyDependsOn("api", "room", "config", "security").check(main);
	}

	@Test
	void securityKnowsOnlyTheConfiguration() {
		onlyDependsOn("security", "config").check(main);
	}

	@Test
	void stepVerifierIsAlwaysGivenATimeout() {
		noClasses().should()
			.callMethod(StepVerifier.LastStep.class, "verifyComplete")
			.orShould()
			.callMethod(StepVerifier.LastStep.class, "verifyError")
			.orShould()
			.callMethod(StepVerifier.class, "verify")
			.because("a verification without a timeout can hang the build; use verify(Duration)")
			.check(tests);
	}

	private static ArchRule onlyDependsOn(String feature, String... allowed) {
		String[] others = java.util.stream.Stream.of("phoenix", "room", "api", "hub", "config", "security")
			.filter((p) -> !p.equals(feature) && !java.util.Arrays.asList(allowed).contains(p))
			.map((p) -> "io.hubbridge." + p + "..")
			.toArray(String[]::new);
		return noClasses().that()
			.resideInAPackage("io.hubbridge." + feature + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.allowEmptyShould(true);
	}

}
