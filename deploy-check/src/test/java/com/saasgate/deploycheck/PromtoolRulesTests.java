package com.saasgate.deploycheck;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and the Prometheus configuration: {@code promtool check rules}, {@code check config}
 * and {@code test rules} when promtool is at hand (PATH, {@code PROMTOOL}, or {@code target/promtool}
 * where {@code .ci/run} unpacks Debian's prometheus package), and always a structural check in Java,
 * so that a machine without promtool still catches a rule without an expression or a runbook.
 */
class PromtoolRulesTests {

	static final String RULES = "ops/prometheus/alerts.yml";

	static final String RULE_TESTS = "ops/prometheus/alerts-tests.yml";

	static final String CONFIG = "ops/prometheus/prometheus.yml";

	@Test
	void alertRulesWhenReadThenEachHasAnExpressionASeverityAndARunbook() {
		Set<String> names = new HashSet<>();
		List<Object> groups = Repo.list(Repo.yaml(RULES).get("groups"));
		assertThat(groups).isNotEmpty();
		for (Object group : groups) {
			for (Object rule : Repo.list(Repo.map(group).get("rules"))) {
				Map<String, Object> fields = Repo.map(rule);
				String alert = String.valueOf(fields.get("alert"));
				assertThat(names.add(alert)).as("alert %s is defined once", alert).isTrue();
				assertThat(String.valueOf(fields.get("expr"))).as(alert).isNotBlank();
				assertThat(Repo.map(fields.get("labels")).get("severity")).as(alert).isIn("page", "warn");
				String runbook = String.valueOf(Repo.map(fields.get("annotations")).get("runbook"));
				assertThat(runbook).as(alert).startsWith("docs/operations.md#");
				assertThat(anchors()).as("%s's runbook section", alert).contains(runbook.substring(runbook.indexOf('#') + 1));
				if (fields.containsKey("for")) {
					assertThat(String.valueOf(fields.get("for"))).as(alert).matches("\\d+[smh]");
				}
			}
		}
		assertThat(names).contains("ServiceDown", "StripeWebhookFailures", "OutboxDeadLetters", "LoginLockoutSpike",
				"TooManyRequestsSpike", "DatabasePoolSaturated", "HighRequestLatencyP99");
	}

	@Test
	void promtoolWhenAvailableThenRulesConfigAndRuleTestsPass() throws Exception {
		Optional<Path> promtool = promtool();
		if (promtool.isEmpty()) {
			System.out.println("[deploy-check] SKIPPED promtool checks: no promtool on PATH, in PROMTOOL or in target/promtool "
					+ "(apt-get install prometheus, or see .ci/run); the structural rule check still ran");
		}
		Assumptions.assumeTrue(promtool.isPresent(), "promtool not found");
		run(promtool.get(), "check", "rules", RULES);
		run(promtool.get(), "check", "config", CONFIG);
		run(promtool.get(), "test", "rules", RULE_TESTS);
	}

	private static void run(Path promtool, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(promtool.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		System.out.println("[deploy-check] promtool " + String.join(" ", arguments) + ":\n" + output.strip());
		assertThat(process.exitValue()).as("promtool %s\n%s", String.join(" ", arguments), output).isZero();
	}

	private static Optional<Path> promtool() {
		Stream<Path> candidates = Stream.concat(
				Stream.of(System.getenv("PROMTOOL"), Repo.path("target/promtool/usr/bin/promtool").toString())
					.filter((candidate) -> candidate != null && !candidate.isBlank())
					.map(Path::of),
				Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
					.filter((directory) -> !directory.isBlank())
					.map((directory) -> Path.of(directory, "promtool")));
		return candidates.filter(Files::isExecutable).findFirst();
	}

	/** GitHub's anchors of docs/operations.md's headings. */
	static Set<String> anchors() {
		Set<String> anchors = new HashSet<>();
		Repo.read("docs/operations.md").lines().filter((line) -> line.startsWith("#")).forEach((line) -> anchors.add(
				line.replaceFirst("^#+\\s*", "").strip().toLowerCase(java.util.Locale.ROOT)
					.replaceAll("[^a-z0-9 _-]", "")
					.replace(' ', '-')));
		return anchors;
	}

}
