package com.saasgate.authbilling.ops;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OperationsEndpointsTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

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
				"outbox_claims_lost_total{topic=\"email\"}", "outbox_pending{topic=\"user_tier_changed\"}");
		assertThat(api.get("/actuator/prometheus").status()).isEqualTo(404);
	}

	@Test
	void probesWhenRequestedOnManagementPortThenUp() {
		Api management = Api.local(this.managementPort);

		assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void openApiWhenRequestedThenDescribesAuthCalls() {
		Api.Response docs = Api.local(this.port).get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").propertyNames()).contains("/auth/register", "/auth/login", "/auth/refresh",
				"/auth/me", "/health");
	}

}
