package com.saasgate.authbilling.ops;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OperationsEndpointsTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void prometheusWhenScrapedOnManagementPortThenShowsContractMetrics() {
		Api api = Api.local(this.port);
		TestUsers.verifiedUser(api);
		api.post("/auth/login", Api.body("email", "nobody@example.com", "password", "wrong password 1"));

		Api.Response scrape = Api.local(this.managementPort).get("/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(new String(scrape.body())).contains("login_attempts_total{", "result=\"invalid_credentials\"",
				"hikaricp_connections_active", "emails_sent_total",
				// Outbox meters exist from 0 for every topic, handled here or not yet.
				"outbox_dead_letters_total{topic=\"email\"}", "outbox_dead_letters_total{topic=\"user_tier_changed\"}",
				"outbox_claims_lost_total{topic=\"email\"}", "outbox_pending{topic=\"user_tier_changed\"}",
				// request latency with the SLO buckets the alerts use
				"http_server_requests_seconds_bucket{", "le=\"0.1\"", "le=\"0.25\"",
				// the pool's gauges
				"hikaricp_connections_pending", "hikaricp_connections_max");
		assertThat(api.get("/actuator/prometheus").status()).isEqualTo(404);
	}

	@Test
	void probesWhenRequestedOnManagementPortThenUp() {
		Api management = Api.local(this.managementPort);

		assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void healthWhenAllIsWellThenContractShapeWithEveryCheckAndStripeNotConfigured() {
		Api.Response health = Api.local(this.port).get("/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		JsonNode checks = health.json().get("checks");
		assertThat(checks.propertyNames()).containsExactlyInAnyOrder("database", "redis", "stripe", "smtp", "outbox",
				"config");
		assertThat(checks.get("database").asString()).isEqualTo("UP");
		assertThat(checks.get("stripe").asString()).isEqualTo("NOT_CONFIGURED");
		assertThat(checks.get("outbox").asString()).isEqualTo("UP");
	}

	@Test
	void healthWhenOutboxHasDeadLetterOrOverdueMailThenDegradedButStillOk() {
		this.jdbc.update("""
				INSERT INTO outbox (topic, payload, attempts, last_error, dead_lettered_at)
				VALUES ('user_tier_changed', '{}', 5, 'redis down', now())
				""");
		this.jdbc.update("""
				INSERT INTO outbox (topic, payload, attempts, last_error, created_at, next_attempt_at)
				VALUES ('email', '{"to":"x@example.com"}', 3, 'smtp down', now() - interval '10 minutes',
				    now() + interval '1 hour')
				""");

		Api.Response health = Api.local(this.port).get("/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
		assertThat(health.json().get("checks").get("outbox").asString()).isEqualTo("DEGRADED");
		assertThat(health.json().get("checks").get("smtp").asString()).isEqualTo("DEGRADED");
		assertThat(health.json().get("checks").get("database").asString()).isEqualTo("UP");
	}

	@Test
	void healthWhenAskedOnEitherPortThenNoDetails() {
		this.jdbc.update("""
				INSERT INTO outbox (topic, payload, attempts, last_error, dead_lettered_at)
				VALUES ('email', '{}', 5, 'mx.example.com refused', now())
				""");

		String management = new String(Api.local(this.managementPort).get("/actuator/health").body());
		String public_ = new String(Api.local(this.port).get("/health").body());

		assertThat(management).doesNotContain("details", "refused", "deadLetters");
		assertThat(public_).doesNotContain("details", "refused", "deadLetters");
	}

	@Test
	void openApiWhenRequestedThenDescribesAuthCalls() {
		Api.Response docs = Api.local(this.port).get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").propertyNames()).contains("/auth/register", "/auth/login", "/auth/refresh",
				"/auth/me", "/health");
	}

}
