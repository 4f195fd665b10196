package com.saasgate.deploycheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards and the alert rules query only metrics of {@code ops/metrics.txt}, the list
 * that e2e's {@code ExportedMetricsIT} holds to the services' real scrapes.
 */
class MetricQueriesTests {

	private static final Set<String> SERVICES = Set.of("auth-billing", "gateway", "both", "prometheus");

	private static final Set<String> STATUSES = Set.of("exported", "pending");

	private final Map<String, MetricsList.Entry> metrics = MetricsList.read();

	@Test
	void metricsListWhenReadThenEveryEntryNamesAServiceAndAStatus() {
		assertThat(this.metrics.values()).allSatisfy((entry) -> {
			assertThat(entry.name()).matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
			assertThat(entry.service()).as(entry.name()).isIn(SERVICES);
			assertThat(entry.status()).as(entry.name()).isIn(STATUSES);
		});
		assertThat(this.metrics).containsKeys("stripe_webhook_total", "hikaricp_connections_pending", "up");
	}

	@Test
	void dashboardsWhenQueriedThenReadOnlyListedMetrics() {
		List<Path> dashboards = Repo.files("ops/grafana/dashboards", ".json");
		assertThat(dashboards).isNotEmpty();
		List<String> problems = new ArrayList<>();
		for (Path dashboard : dashboards) {
			JsonNode root = JsonMapper.builder().build().readTree(Repo.read(dashboard));
			assertThat(root.path("panels").size()).as(dashboard.toString()).isPositive();
			for (JsonNode expr : root.findValues("expr")) {
				unlisted(dashboard.getFileName() + ": " + expr.asString(), expr.asString(), problems);
			}
		}
		assertThat(problems).as("metrics not in " + MetricsList.FILE).isEmpty();
	}

	@Test
	void alertRulesWhenQueriedThenReadOnlyListedMetrics() {
		List<String> problems = new ArrayList<>();
		for (Object group : Repo.list(Repo.yaml(PromtoolRulesTests.RULES).get("groups"))) {
			for (Object rule : Repo.list(Repo.map(group).get("rules"))) {
				Map<String, Object> fields = Repo.map(rule);
				unlisted(String.valueOf(fields.get("alert")), String.valueOf(fields.get("expr")), problems);
			}
		}
		assertThat(problems).as("metrics not in " + MetricsList.FILE).isEmpty();
	}

	@Test
	void metricNamesWhenExpressionHasFunctionsLabelsAndRangesThenOnlyMetricsRemain() {
		assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (job, le) "
				+ "(rate(http_server_requests_seconds_bucket{uri!~\"/actuator.*\"}[$__rate_interval]))) > 1"))
			.containsExactly("http_server_requests_seconds_bucket");
		assertThat(PromQl.metricNames("sum(rate(a_total{status=\"failed\"}[5m])) / on (job) group_left b_total or vector(0)"))
			.containsExactly("a_total", "b_total");
	}

	private void unlisted(String where, String expression, List<String> problems) {
		for (String name : PromQl.metricNames(expression)) {
			if (!this.metrics.containsKey(name)) {
				problems.add(name + " (" + where + ")");
			}
		}
	}

}
