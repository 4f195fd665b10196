package com.saasgate.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code docker-compose.yml} against the services' own configuration and contract section 8. */
class ComposeTests {

	private final Map<String, Object> compose = Repo.yaml("docker-compose.yml");

	private final Map<String, Object> services = Repo.map(this.compose.get("services"));

	@Test
	void servicesWhenListedThenTheWholeSuiteIsThere() {
		assertThat(this.services).containsKeys("postgres", "redis", "mail", "auth-billing", "gateway", "prometheus", "grafana");
		assertThat(image("postgres")).startsWith("postgres:17");
		assertThat(image("redis")).startsWith("redis:7");
	}

	@Test
	void imagesWhenReadThenOursAtTheProjectVersionOrPinnedThirdParty() {
		this.services.forEach((name, definition) -> {
			String image = String.valueOf(Repo.map(definition).get("image"));
			if (Service.NAMES.contains(name)) {
				assertThat(image).as(name).isEqualTo(Images.ours(name));
			}
			else {
				assertThat(Images.pinned(image)).as("%s's image %s has a pinned tag", name, image).isTrue();
			}
			assertThat(Repo.map(definition)).as(name + " is run from an image, not built").doesNotContainKey("build");
		});
	}

	@Test
	void environmentWhenSetThenEveryVariableIsOneTheServiceReadsAndTheRequiredAreThere() {
		List<String> problems = new ArrayList<>();
		for (String name : Service.NAMES) {
			Service service = Service.of(name);
			Map<String, Object> environment = environment(name);
			environment.keySet().stream().filter((variable) -> !service.knows(variable))
				.forEach((variable) -> problems.add(name + " does not read " + variable));
			Service.REQUIRED.get(name).stream().filter((variable) -> !environment.containsKey(variable))
				.forEach((variable) -> problems.add(name + " lacks required " + variable));
			environment.forEach((variable, value) -> {
				if (variable.contains("SECRET") || variable.contains("PASSWORD")) {
					// ${VAR:-} (empty when unset) for the optional ones, such as the *_PREVIOUS keys of a rotation
					if (!String.valueOf(value).matches("\\$\\{" + variable + "(:\\?[^}]*|:-)?}")) {
						problems.add(name + ": " + variable + " must come from .env as ${" + variable + ":?...}, not a value");
					}
				}
			});
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void portsWhenPublishedThenTheServicesDefaultsAndTheHealthCheckAsksTheManagementPort() {
		for (String name : Service.NAMES) {
			Service service = Service.of(name);
			Map<String, Object> environment = environment(name);
			int port = port(environment, service.portVariable(), service.defaultPort());
			int management = port(environment, service.managementPortVariable(), service.defaultManagementPort());
			assertThat(port).as(name + " public port = application.yml default").isEqualTo(service.defaultPort());
			assertThat(management).as(name + " management port").isEqualTo(service.defaultManagementPort());
			assertThat(Repo.list(Repo.map(this.services.get(name)).get("ports")))
				.as(name + " publishes its ports").contains(port + ":" + port, management + ":" + management);
			List<Object> test = Repo.list(Repo.at(Repo.map(this.services.get(name)), "healthcheck.test"));
			assertThat(test).as(name + " health check").contains("http://127.0.0.1:" + management + Service.READINESS);
			assertThat(service.probesEnabled()).as(name + " has probe groups").isTrue();
		}
	}

	@Test
	void dependenciesWhenWiredThenServicesPointAtThisFilesContainers() {
		Map<String, Object> authBilling = environment("auth-billing");
		assertThat(String.valueOf(authBilling.get("DATABASE_URL"))).startsWith("postgresql://").contains("@postgres:5432/");
		assertThat(authBilling.get("REDIS_URL")).isEqualTo("redis://redis:6379");
		assertThat(authBilling.get("SMTP_HOST")).isEqualTo("mail");
		Map<String, Object> gateway = environment("gateway");
		assertThat(gateway.get("AUTH_BILLING_URL")).isEqualTo("http://auth-billing:" + Service.of("auth-billing").defaultPort());
		assertThat(gateway.get("REDIS_URL")).isEqualTo("redis://redis:6379");
	}

	@Test
	void monitoringWhenMountedThenPrometheusHasTheRulesAndGrafanaTheDashboards() {
		assertThat(Repo.list(Repo.map(this.services.get("prometheus")).get("volumes"))).contains(
				"./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
				"./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
		assertThat(Repo.list(Repo.map(this.services.get("grafana")).get("volumes"))).contains(
				"./ops/grafana/provisioning:/etc/grafana/provisioning:ro",
				"./ops/grafana/dashboards:/var/lib/grafana/dashboards:ro");
		assertThat(Repo.read(PromtoolRulesTests.CONFIG)).contains("gateway:" + Service.of("gateway").defaultManagementPort(),
				"auth-billing:" + Service.of("auth-billing").defaultManagementPort(), "/actuator/prometheus");
	}

	private String image(String service) {
		return String.valueOf(Repo.map(this.services.get(service)).get("image"));
	}

	private Map<String, Object> environment(String service) {
		return Repo.map(Repo.map(this.services.get(service)).get("environment"));
	}

	private static int port(Map<String, Object> environment, String variable, int fallback) {
		Object value = environment.get(variable);
		return (value == null) ? fallback : Integer.parseInt(String.valueOf(value));
	}

}
