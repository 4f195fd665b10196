package com.saasgate.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/k8s} (base and prod overlay) against the services' application.yml, contract
 * section 8 and the JVM settings: images, variables, secrets by reference, ports, probes, resources,
 * disruption budgets, autoscalers, scrape annotations and TRUSTED_PROXIES.
 */
class KubernetesTests {

	/**
	 * The least memory limit that holds what the JVM flags allow (MiB): heap 128 + metaspace 160 +
	 * code cache 64 + direct 64, plus thread stacks and the JVM's own native memory; the sum is
	 * explained in docs/operations.md, "Sizing the pods".
	 */
	private static final Map<String, Integer> MIN_MEMORY_LIMIT_MIB = Map.of("auth-billing", 569, "gateway", 496);

	/** Shutdown phases that may each wait up to the timeout; auth-billing has the most. */
	private static final int SHUTDOWN_PHASES = 3;

	@ParameterizedTest
	@ValueSource(strings = { Manifests.BASE, Manifests.PROD })
	void deploymentsWhenRenderedThenImagesVariablesAndSecretsAreOnesTheServicesKnow(String directory) {
		Manifests.Rendered rendered = Manifests.render(directory);
		List<String> problems = new ArrayList<>();
		for (String name : Service.NAMES) {
			Service service = Service.of(name);
			Map<String, Object> container = container(rendered, name);
			String image = String.valueOf(container.get("image"));
			assertThat(image).as(name).isEqualTo(Images.ours(name));
			Map<String, Object> environment = environment(rendered, container, problems);
			environment.keySet().stream().filter((variable) -> !service.knows(variable))
				.forEach((variable) -> problems.add(directory + ": " + name + " does not read " + variable));
			List<String> required = new ArrayList<>(Service.REQUIRED.get(name));
			if ("prod".equals(environment.get("SPRING_PROFILES_ACTIVE"))) {
				required.addAll(Service.REQUIRED_IN_PROD.get(name));
			}
			required.stream().filter((variable) -> !environment.containsKey(variable))
				.forEach((variable) -> problems.add(directory + ": " + name + " lacks required " + variable));
			environment.forEach((variable, source) -> {
				boolean secret = variable.contains("SECRET") || variable.contains("PASSWORD") || variable.contains("SIGNING_KEY")
						|| variable.equals("DATABASE_URL") || variable.equals("REDIS_URL") || variable.equals("SMTP_USERNAME");
				if (secret && !"secretKeyRef".equals(source)) {
					problems.add(directory + ": " + name + "'s " + variable + " must be a secretKeyRef, not " + source);
				}
			});
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void prodWhenRenderedThenProdProfileThreeReplicasAndTrustedProxiesForTheIngress() {
		Manifests.Rendered prod = Manifests.render(Manifests.PROD);
		for (String name : Service.NAMES) {
			Map<String, Object> deployment = prod.named("Deployment", name);
			if (prod.byKustomize()) {
				assertThat((Integer) Repo.at(deployment, "spec.replicas")).as(name + " replicas").isGreaterThanOrEqualTo(3);
				assertThat(Repo.at(deployment, "metadata.namespace")).isEqualTo("saasgate");
				assertThat(environment(prod, container(prod, name), new ArrayList<>())).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
			}
		}
		String trusted = String.valueOf(prod.configMap("gateway-config").get("TRUSTED_PROXIES"));
		assertThat(trusted).as("TRUSTED_PROXIES for the ingress").isNotBlank();
		for (String proxy : trusted.split(",")) {
			assertThat(proxy.strip()).as("TRUSTED_PROXIES entry").matches(
					"(\\d{1,3}\\.){3}\\d{1,3}(/\\d{1,2})?|[0-9a-fA-F:]+(/\\d{1,3})?");
		}
	}

	/**
	 * A proxy in {@code TRUSTED_PROXIES} may write the client's address. A whole pod network (a
	 * {@code /16} such as flannel's {@code 10.244.0.0/16}) would let every pod in the cluster forge it,
	 * so an entry may span at most 256 addresses: the ingress controller's own.
	 */
	@Test
	void overlaysWhenRenderedThenNoneTrustsAWholePodNetwork() {
		List<String> directories = new ArrayList<>(List.of(Manifests.BASE));
		try (java.util.stream.Stream<java.nio.file.Path> overlays = java.nio.file.Files.list(Repo.path("deploy/k8s/overlays"))) {
			overlays.filter(java.nio.file.Files::isDirectory)
				.forEach((overlay) -> directories.add("deploy/k8s/overlays/" + overlay.getFileName()));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		assertThat(directories).contains(Manifests.PROD);
		for (String directory : directories) {
			Object trusted = Manifests.render(directory).configMap("gateway-config").get("TRUSTED_PROXIES");
			for (String proxy : String.valueOf((trusted != null) ? trusted : "").split(",")) {
				if (proxy.isBlank()) {
					continue;
				}
				String[] block = proxy.strip().split("/");
				boolean ipv6 = block[0].contains(":");
				int prefix = (block.length > 1) ? Integer.parseInt(block[1]) : (ipv6 ? 128 : 32);
				assertThat(prefix).as("%s: TRUSTED_PROXIES entry %s spans more than 256 addresses", directory, proxy.strip())
					.isGreaterThanOrEqualTo(ipv6 ? 120 : 24);
			}
		}
	}

	/** The prod profile refuses to start with these at their localhost defaults; the overlay must set them. */
	@Test
	void prodWhenRenderedThenTheAddressesGivenToBrowsersAreNotLocalhost() {
		Manifests.Rendered prod = Manifests.render(Manifests.PROD);
		Map<String, List<String>> variables = Map.of("auth-billing", List.of("CORS_ALLOWED_ORIGINS", "FRONTEND_URL"),
				"gateway", List.of("CORS_ALLOWED_ORIGINS", "GATEWAY_UPGRADE_URL"));
		variables.forEach((name, names) -> {
			Map<String, Object> environment = environment(prod, container(prod, name), new ArrayList<>());
			for (String variable : names) {
				assertThat(environment).as(name + " sets " + variable).containsKey(variable);
				assertThat(String.valueOf(environment.get(variable))).as(name + "'s " + variable)
					.doesNotContainIgnoringCase("localhost").doesNotContain("127.0.0.1").doesNotContain("[::1]");
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { Manifests.BASE, Manifests.PROD })
	void podsWhenRenderedThenPortsProbesAndScrapeAnnotationsMatchApplicationYml(String directory) {
		Manifests.Rendered rendered = Manifests.render(directory);
		for (String name : Service.NAMES) {
			Service service = Service.of(name);
			assertThat(service.probesEnabled()).as(name + ": management.endpoint.health.probes.enabled").isTrue();
			assertThat(service.exposedEndpoints()).as(name + " exposes").contains("health", "prometheus");
			Map<String, Object> container = container(rendered, name);
			Map<String, Integer> ports = new TreeMap<>();
			Repo.list(container.get("ports")).forEach((port) -> ports.put(String.valueOf(Repo.map(port).get("name")),
					(Integer) Repo.map(port).get("containerPort")));
			Map<String, Object> environment = environment(rendered, container, new ArrayList<>());
			assertThat(ports).as(name + " ports").containsEntry("http", service.defaultPort())
				.containsEntry("management", service.defaultManagementPort());
			assertThat(environment.getOrDefault(service.portVariable(), String.valueOf(service.defaultPort())))
				.isEqualTo(String.valueOf(service.defaultPort()));
			assertThat(environment.getOrDefault(service.managementPortVariable(), String.valueOf(service.defaultManagementPort())))
				.isEqualTo(String.valueOf(service.defaultManagementPort()));
			probe(container, "startupProbe", Service.LIVENESS);
			probe(container, "livenessProbe", Service.LIVENESS);
			probe(container, "readinessProbe", Service.READINESS);
			Map<String, Object> annotations = Repo.map(Repo.at(rendered.named("Deployment", name), "spec.template.metadata.annotations"));
			assertThat(annotations).as(name + " scrape annotations").containsEntry("prometheus.io/scrape", "true")
				.containsEntry("prometheus.io/port", String.valueOf(service.defaultManagementPort()))
				.containsEntry("prometheus.io/path", "/actuator/prometheus");
			Map<String, Object> security = Repo.map(Repo.at(rendered.named("Deployment", name), "spec.template.spec.securityContext"));
			assertThat(security).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 65532);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { Manifests.BASE, Manifests.PROD })
	void podsWhenRenderedThenResourcesHoldTheJvmAndBudgetsAndAutoscalersCoverEachService(String directory) {
		Manifests.Rendered rendered = Manifests.render(directory);
		for (String name : Service.NAMES) {
			Map<String, Object> resources = Repo.map(container(rendered, name).get("resources"));
			int limit = mebibytes(String.valueOf(Repo.at(resources, "limits.memory")));
			int request = mebibytes(String.valueOf(Repo.at(resources, "requests.memory")));
			assertThat(limit).as(name + " memory limit (MiB) holds the JVM's caps").isGreaterThanOrEqualTo(MIN_MEMORY_LIMIT_MIB.get(name));
			assertThat(request).as(name + " memory request").isBetween(256, limit);
			assertThat(Repo.at(resources, "requests.cpu")).as(name).isNotNull();
			assertThat(Repo.at(resources, "limits.cpu")).as(name).isNotNull();
			Map<String, Object> budget = rendered.named("PodDisruptionBudget", name);
			assertThat(Repo.at(budget, "spec.selector.matchLabels")).isEqualTo(Map.of("app", name));
			Map<String, Object> autoscaler = rendered.named("HorizontalPodAutoscaler", name);
			assertThat(Repo.at(autoscaler, "spec.scaleTargetRef.name")).isEqualTo(name);
			assertThat((Integer) Repo.at(autoscaler, "spec.minReplicas")).as(name + " min replicas").isGreaterThanOrEqualTo(2);
			Map<String, Object> service = rendered.named("Service", name);
			assertThat(Repo.list(Repo.at(service, "spec.ports"))).as(name + "'s Service routes the public port only")
				.allSatisfy((port) -> assertThat(Repo.map(port).get("targetPort")).isEqualTo("http"));
		}
		String ingress = String.valueOf(Repo.at(rendered.named("Ingress", "gateway"), "spec"));
		assertThat(ingress).contains("name=gateway").contains("name=http").doesNotContain("management");
	}

	/**
	 * The kubelet kills a pod {@code terminationGracePeriodSeconds} after it began stopping it: the
	 * {@code preStop} sleep, then SIGTERM and the services' shutdown phases, each bounded by
	 * {@code spring.lifecycle.timeout-per-shutdown-phase} (the request drain, auth-billing's outbox relay
	 * and Stripe event applier, the scheduled jobs; docs/operations.md, "Graceful shutdown"). The grace
	 * must hold them all, or a slow drain is cut off by SIGKILL and its claims wait out their leases.
	 */
	@ParameterizedTest
	@ValueSource(strings = { Manifests.BASE, Manifests.PROD })
	void podsWhenRenderedThenTerminationGraceHoldsThePreStopSleepAndEveryShutdownPhase(String directory) {
		Manifests.Rendered rendered = Manifests.render(directory);
		for (String name : Service.NAMES) {
			Map<String, Object> yaml = Repo.yaml(name + "/src/main/resources/application.yml");
			assertThat(Repo.at(yaml, "server.shutdown")).as(name + ": server.shutdown").isEqualTo("graceful");
			Object phase = Repo.at(yaml, "spring.lifecycle.timeout-per-shutdown-phase");
			assertThat(phase).as(name + ": spring.lifecycle.timeout-per-shutdown-phase is set").isNotNull();
			long phaseSeconds = seconds(String.valueOf(phase));
			Object sleep = Repo.at(Repo.map(container(rendered, name).get("lifecycle")), "preStop.sleep.seconds");
			assertThat(sleep).as(name + ": preStop sleep").isNotNull();
			Object grace = Repo.at(rendered.named("Deployment", name), "spec.template.spec.terminationGracePeriodSeconds");
			assertThat(grace).as(name + ": terminationGracePeriodSeconds").isNotNull();
			assertThat(((Number) grace).longValue())
				.as(name + ": terminationGracePeriodSeconds > preStop (%s s) + 3 shutdown phases of %s s", sleep, phaseSeconds)
				.isGreaterThan(((Number) sleep).longValue() + SHUTDOWN_PHASES * phaseSeconds);
		}
	}

	/** Spring's {@code 20s}, {@code 1m} or {@code 500ms} (whole seconds, rounded up). */
	private static long seconds(String duration) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)?").matcher(duration.strip());
		assertThat(matcher.matches()).as("a duration: " + duration).isTrue();
		long amount = Long.parseLong(matcher.group(1));
		return switch ((matcher.group(2) != null) ? matcher.group(2) : "ms") {
			case "m" -> amount * 60;
			case "s" -> amount;
			default -> (amount + 999) / 1000;
		};
	}

	private static void probe(Map<String, Object> container, String kind, String path) {
		assertThat(Repo.at(Repo.map(container.get(kind)), "httpGet.path")).as(kind).isEqualTo(path);
		assertThat(Repo.at(Repo.map(container.get(kind)), "httpGet.port")).as(kind + " on the management port").isEqualTo("management");
	}

	private static Map<String, Object> container(Manifests.Rendered rendered, String name) {
		List<Object> containers = Repo.list(Repo.at(rendered.named("Deployment", name), "spec.template.spec.containers"));
		return containers.stream().map(Repo::map).filter((container) -> name.equals(container.get("name"))).findFirst()
			.orElseThrow(() -> new AssertionError("no container " + name));
	}

	/**
	 * Variable → its value, or {@code secretKeyRef} / {@code configMapKeyRef} for a reference; the
	 * ConfigMaps named in {@code envFrom} add their keys (a ConfigMap never holds a secret).
	 */
	private static Map<String, Object> environment(Manifests.Rendered rendered, Map<String, Object> container, List<String> problems) {
		Map<String, Object> environment = new TreeMap<>();
		for (Object from : Repo.list(container.get("envFrom"))) {
			Object configMap = Repo.at(Repo.map(from), "configMapRef.name");
			assertThat(configMap).as("envFrom takes ConfigMaps only (secrets by secretKeyRef)").isNotNull();
			rendered.configMap(String.valueOf(configMap)).forEach((key, value) -> environment.put(key, String.valueOf(value)));
		}
		for (Object entry : Repo.list(container.get("env"))) {
			Map<String, Object> variable = Repo.map(entry);
			Map<String, Object> valueFrom = Repo.map(variable.get("valueFrom"));
			Object value = variable.containsKey("value") ? String.valueOf(variable.get("value"))
					: valueFrom.keySet().stream().findFirst().orElse("nothing");
			environment.put(String.valueOf(variable.get("name")), value);
		}
		environment.keySet().stream().filter((key) -> key.contains("SECRET") && !"secretKeyRef".equals(environment.get(key)))
			.forEach((key) -> problems.add(key + " is not a secretKeyRef"));
		return environment;
	}

	private static int mebibytes(String quantity) {
		if (quantity.endsWith("Gi")) {
			return Integer.parseInt(quantity.substring(0, quantity.length() - 2)) * 1024;
		}
		if (quantity.endsWith("Mi")) {
			return Integer.parseInt(quantity.substring(0, quantity.length() - 2));
		}
		throw new AssertionError("memory quantities here are in Mi or Gi: " + quantity);
	}

}
