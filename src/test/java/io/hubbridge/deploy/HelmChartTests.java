package io.hubbridge.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.marcnuri.helm.LintResult;
import io.hubbridge.deploy.Configuration.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The helm chart lints cleanly, and renders, with its defaults and with every option set,
 * manifests that fit the application: its port, its health groups, its configuration
 * properties, a restricted security context, and an ingress fit for Server-Sent Events.
 */
class HelmChartTests {

	/** Bridge properties the chart leaves to extraEnv, with why. */
	private static final Set<String> NOT_IN_VALUES = Set.of(
			// the embedded Hub is a demo; with hub.url empty its defaults serve
			"bridge.embedded-hub.host", "bridge.embedded-hub.port", "bridge.embedded-hub.idle-timeout",
			// API keys come from a mounted file (security.apiKeys), never from values
			"bridge.security.api-keys",
			// set by the chart from hub.url, hub.caBundle and security.apiKeys
			"bridge.hub.url", "bridge.hub.ca-bundle", "bridge.security.api-keys-file",
			// needs spring.ssl.bundle.* beside it: extraEnv and extraVolumes
			"bridge.hub.ssl-bundle");

	private static final Manifests defaults = HelmChart.template(Map.of());

	private static final Manifests full = HelmChart.template(HelmChart.FULL_VALUES, Map.of());

	@Test
	void lintsWithoutWarnings() {
		LintResult lint = HelmChart.lint();
		assertThat(lint.isFailed()).as(lint.getMessages().toString()).isFalse();
		assertThat(lint.getMessages()).noneMatch((message) -> message.contains("[WARNING]"))
			.noneMatch((message) -> message.contains("[ERROR]"));
	}

	@Test
	void defaultsRenderTheWorkloadAndLeaveTheOptionalPartsOut() {
		assertThat(defaults.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment",
				"PodDisruptionBudget");
		assertThat(Node.at(defaults.one("Deployment"), "spec.replicas")).isEqualTo(2);
		assertThat(defaults.container().get("image")).isEqualTo("ghcr.io/hub-bridge/hub-bridge:0.1.0");
		// no Hub URL: the embedded demo Hub
		assertThat(Node.map(defaults.one("ConfigMap").get("data"))).doesNotContainKey("BRIDGE_HUB_URL");
	}

	@Test
	void everyOptionSetRendersEveryPart() {
		assertThat(full.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment",
				"PodDisruptionBudget", "Ingress", "HorizontalPodAutoscaler", "ServiceMonitor");
		assertThat(full.container().get("image")).isEqualTo("registry.example.com/chat/hub-bridge:1.2.3");
	}

	@Test
	void containerListensOnTheApplicationsDefaultPort() {
		int port = Configuration.defaultPort();
		for (Manifests manifests : List.of(defaults, full)) {
			Map<String, Object> http = Node.map(Node.list(manifests.container().get("ports")).get(0));
			assertThat(http).containsEntry("name", "http").containsEntry("containerPort", port);
			assertThat(Node.map(manifests.one("ConfigMap").get("data"))).containsEntry("PORT", String.valueOf(port));
			assertThat(Node.at(Node.list(Node.at(manifests.one("Service"), "spec.ports")).get(0), "targetPort"))
				.isEqualTo("http");
		}
	}

	@Test
	void probesAskTheHealthGroupsOnTheHttpPort() {
		Map<String, Object> container = defaults.container();
		assertThat(Node.text(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(Node.text(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(Node.text(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(Node.text(container, probe + ".httpGet.port")).isEqualTo("http");
		}
	}

	@Test
	void runsRestrictedWithOnlyTmpWritable() {
		for (Manifests manifests : List.of(defaults, full)) {
			Map<String, Object> pod = Node.map(manifests.podSpec().get("securityContext"));
			assertThat(pod).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
			assertThat(Node.text(pod, "seccompProfile.type")).isEqualTo("RuntimeDefault");
			Map<String, Object> container = Node.map(manifests.container().get("securityContext"));
			assertThat(container).containsEntry("runAsNonRoot", true)
				.containsEntry("allowPrivilegeEscalation", false)
				.containsEntry("readOnlyRootFilesystem", true);
			assertThat(Node.at(container, "capabilities.drop")).isEqualTo(List.of("ALL"));
			assertThat(Node.list(manifests.container().get("volumeMounts")))
				.contains(Map.of("name", "tmp", "mountPath", "/tmp"));
			assertThat(Node.list(manifests.podSpec().get("volumes")).get(0))
				.isEqualTo(Map.of("name", "tmp", "emptyDir", Map.of("sizeLimit", "100Mi")));
			assertThat(manifests.podSpec().get("automountServiceAccountToken")).isEqualTo(false);
		}
	}

	@Test
	void everyEnvironmentVariableSetsAConfigurationProperty() {
		for (Manifests manifests : List.of(defaults, full)) {
			for (String variable : environment(manifests).keySet()) {
				if (variable.equals("PORT")) {
					// application.yml's server.port: ${PORT:8080}
					continue;
				}
				assertThat(Configuration.propertyOf(variable)).as(variable).isPresent();
			}
		}
	}

	@Test
	void valuesReachEveryBridgePropertyThatOperatorsChange() {
		Set<String> variables = environment(full).keySet();
		List<String> unreachable = new ArrayList<>();
		for (Property property : Configuration.bridgeProperties()) {
			if (!NOT_IN_VALUES.contains(property.name()) && !variables.stream()
				.anyMatch((variable) -> variable.equals(property.variable())
						|| variable.startsWith(property.variable() + "_"))) {
				unreachable.add(property.name());
			}
		}
		assertThat(unreachable).as("bridge properties without a value in the chart").isEmpty();
	}

	@Test
	void valuesBecomeTheirEnvironmentVariables() {
		Map<String, Object> environment = environment(full);
		assertThat(environment).containsEntry("BRIDGE_HUB_URL", "wss://hub.chat.svc:4443/socket/websocket")
			.containsEntry("BRIDGE_ROOMS_GRACEPERIOD", "1m")
			.containsEntry("BRIDGE_HUB_PARAMS_REGION", "eu")
			.containsEntry("BRIDGE_CORS_ALLOWEDORIGINS", "https://chat.example.com,https://admin.example.com")
			.containsEntry("BRIDGE_LIMITS_SHOUTS_RATE", "0.5")
			// a whole number stays whole, not 2e+07
			.containsEntry("BRIDGE_SHOUTS_IDEMPOTENCYKEYS", "20000000")
			.containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
	}

	@Test
	void secretsAreReferencedNeverCopied() {
		Map<String, Object> environment = environment(full);
		assertThat(environment.get("BRIDGE_HUB_PARAMS_TOKEN"))
			.isEqualTo(Map.of("secretKeyRef", Map.of("name", "hub-credentials", "key", "hub-token")));
		assertThat(environment).containsEntry("BRIDGE_HUB_CABUNDLE", "/etc/hub-bridge/hub-ca/ca.pem")
			.containsEntry("BRIDGE_SECURITY_APIKEYSFILE", "/etc/hub-bridge/api-keys/keys.txt");
		assertThat(Node.list(full.podSpec().get("volumes"))).contains(Map.of("name", "api-keys", "secret", Map
			.of("secretName", "hub-bridge-api-keys", "items", List.of(Map.of("key", "keys.txt", "path", "keys.txt")))));
		assertThat(full.all("Secret")).isEmpty();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> HelmChart.template(Map.of("hub.secretParams.token", "hub-token")))
			.withMessageContaining("hub.existingSecret");
	}

	@Test
	void terminationGraceOutlastsPreStopAndTheBridgesDrain() {
		Duration drain = DurationStyle.detectAndParse(Configuration.property("bridge.shutdown.timeout").defaultValue());
		assertThat(gracePeriod(defaults)).isGreaterThan(5 + (int) drain.toSeconds());
		assertThat(preStop(defaults)).containsExactly("sleep", "5");
		// ci/full-values.yaml drains for 20 s
		assertThat(gracePeriod(full)).isGreaterThan(5 + 20);
		assertThat(gracePeriod(HelmChart.template(Map.of("bridge.shutdown.timeout", "1500ms")))).isEqualTo(5 + 2 + 10);
	}

	@Test
	void ingressServesStreamsUnbufferedWithLongTimeoutsAndStickySessions() {
		Map<String, Object> ingress = full.one("Ingress");
		assertThat(Node.map(Node.at(ingress, "metadata.annotations")))
			.containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off")
			// the values' own annotation wins over the chart's 3600
			.containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "7200")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
			.containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
			.containsEntry("nginx.ingress.kubernetes.io/session-cookie-name", "hub-bridge-route")
			.containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
		Map<String, Object> path = Node
			.map(Node.list(Node.at(Node.list(Node.at(ingress, "spec.rules")).get(0), "http.paths")).get(0));
		assertThat(Node.at(path, "backend.service"))
			.isEqualTo(Map.of("name", "chat-hub-bridge", "port", Map.of("name", "http")));
		assertThat(Node.text(ingress, "spec.ingressClassName")).isEqualTo("nginx");
	}

	@Test
	void autoscalerOwnsTheReplicasWhenEnabled() {
		assertThat(Node.map(Node.at(full.one("Deployment"), "spec"))).doesNotContainKey("replicas");
		Map<String, Object> hpa = full.one("HorizontalPodAutoscaler");
		assertThat(Node.at(hpa, "spec.minReplicas")).isEqualTo(3);
		assertThat(Node.at(hpa, "spec.maxReplicas")).isEqualTo(12);
		assertThat(Node.text(hpa, "spec.scaleTargetRef.name")).isEqualTo("chat-hub-bridge");
		assertThat(Node.at(full.one("PodDisruptionBudget"), "spec")).isEqualTo(Map.of("minAvailable", 2, "selector", Map
			.of("matchLabels", Map.of("app.kubernetes.io/name", "hub-bridge", "app.kubernetes.io/instance", "chat"))));
	}

	@Test
	void serviceMonitorScrapesThePrometheusEndpoint() {
		Map<String, Object> endpoint = Node
			.map(Node.list(Node.at(full.one("ServiceMonitor"), "spec.endpoints")).get(0));
		assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
		assertThat(Node.text(full.one("ServiceMonitor"), "metadata.labels.release")).isEqualTo("prometheus");
	}

	@Test
	void helmTestAsksBothHealthGroupsThroughTheServiceAsRestrictedAsTheBridge() throws IOException {
		assertThat(Files.readString(HelmChart.DIRECTORY.resolve("templates/tests/test-health.yaml")))
			.contains("\"helm.sh/hook\": test");
		Manifests hooks = HelmChart.templateTestHooks(Map.of());
		assertThat(String.join("\n", TestHook.command(hooks)))
			.contains("/actuator/health/liveness /actuator/health/readiness")
			.contains("/dev/tcp/chat-hub-bridge/80");
		Map<String, Object> container = Node.map(Node.list(Node.at(hooks.one("Pod"), "spec.containers")).get(0));
		assertThat(container.get("image")).isEqualTo(defaults.container().get("image"));
		assertThat(container.get("securityContext")).isEqualTo(defaults.container().get("securityContext"));
	}

	@Test
	void notesWarnOfTheEmbeddedHubAndHideTheHubUrlsQuery() {
		assertThat(HelmChart.notes(Map.of())).contains("WARNING: hub.url is empty");
		String notes = HelmChart.notes(Map.of("hub.url", "wss://hub.example.com/socket/websocket?token=s3cret"));
		assertThat(notes).contains("Upstream Hub: wss://hub.example.com/socket/websocket?…")
			.doesNotContain("s3cret")
			.doesNotContain("WARNING");
	}

	static Stream<Arguments> badValues() {
		return Stream.of(Arguments.of("hub.url", "http://hub:4000/socket/websocket"),
				Arguments.of("bridge.rooms.gracePeriod", "soon"), Arguments.of("bridge.hub.serializer", "V3"),
				Arguments.of("bridge.rooms.replayEvents", "0"), Arguments.of("bridge.unknownSetting", "1"),
				Arguments.of("bridge.validation.maxRoomLength", "256"), Arguments.of("replicaCount", "-1"),
				Arguments.of("logging.structuredFormat", "xml"), Arguments.of("containerPort", "0"),
				Arguments.of("ingress.streamTimeoutSeconds", "10"), Arguments.of("bridge.shutdown.timeout", ""));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("badValues")
	void schemaRefusesBadValues(String name, String value) {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> HelmChart.template(Map.of(name, value)))
			.withMessageContaining("values don't meet the specifications of the schema");
	}

	/** The container's environment: ConfigMap entries, then env (values or valueFrom). */
	static Map<String, Object> environment(Manifests manifests) {
		Map<String, Object> environment = new LinkedHashMap<>(Node.map(manifests.one("ConfigMap").get("data")));
		Object env = manifests.container().get("env");
		if (env != null) {
			for (Object variable : Node.list(env)) {
				Map<String, Object> entry = Node.map(variable);
				environment.put((String) entry.get("name"),
						entry.containsKey("value") ? entry.get("value") : entry.get("valueFrom"));
			}
		}
		return environment;
	}

	private static int gracePeriod(Manifests manifests) {
		return (Integer) manifests.podSpec().get("terminationGracePeriodSeconds");
	}

	private static List<Object> preStop(Manifests manifests) {
		return Node.list(Node.at(manifests.container(), "lifecycle.preStop.exec.command"));
	}

}
