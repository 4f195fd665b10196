package com.saasgate.authbilling.web;

import org.junit.jupiter.api.Test;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** auth-billing's own port refuses browser origins other than the front ends and the gateway. */
@IntegrationTest
class CorsTests {

	@Autowired
	Api api;

	@Test
	void requestWhenBrowserOriginIsForeignThenForbiddenBeforeAnythingRuns() {
		Api.Response login = this.api.post("/auth/login", Api.body("email", "a@example.com", "password", "x"),
				"Origin", "https://evil.example");
		Api.Response preflight = this.api.send("OPTIONS", "/auth/login", new byte[0], "Origin", "https://evil.example",
				"Access-Control-Request-Method", "POST");

		for (Api.Response response : new Api.Response[] { login, preflight }) {
			assertThat(response.status()).as(response.toString()).isEqualTo(403);
			assertThat(response.code()).isEqualTo("origin_not_allowed");
			assertThat(response.header("Access-Control-Allow-Origin")).isNull();
		}
	}

	@Test
	void requestWhenOriginIsTheFrontEndOrTheGatewayThenAllowed() {
		for (String origin : new String[] { "http://localhost:3000", "http://localhost:5000" }) {
			Api.Response preflight = this.api.send("OPTIONS", "/auth/login", new byte[0], "Origin", origin, "Access-Control-Request-Method",
					"POST");

			assertThat(preflight.status()).as(origin).isEqualTo(200);
			assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);
		}
		assertThat(this.api.get("/billing/plans", "Origin", "http://localhost:3000").status()).isEqualTo(200);
	}

	@Test
	void requestWhenNoOriginThenUntouched() {
		Api.Response plans = this.api.get("/billing/plans");

		assertThat(plans.status()).isEqualTo(200);
		assertThat(plans.header("Access-Control-Allow-Origin")).isNull();
	}

}
