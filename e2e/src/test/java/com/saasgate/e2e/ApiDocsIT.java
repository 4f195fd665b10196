package com.saasgate.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API's OpenAPI 3.1 description at the gateway's {@code GET /api/docs}: auth-billing's,
 * cut to the routed paths and put under {@code /api}; auth-billing's internal calls are not in it. The
 * gateway adds its upstreams and its own {@code /health}.
 */
@ExtendWith(E2eSuite.class)
class ApiDocsIT {

	private final Api api;

	ApiDocsIT(Api api) {
		this.api = api;
	}

	@Test
	void apiDocsWhenFetchedFromGatewayThenPublicPathsUnderApiPrefixOnly() {
		Response docs = this.api.get("/api/docs");

		assertThat(docs.status()).as("%s", docs).isEqualTo(200);
		assertThat(docs.json().path("openapi").asString()).startsWith("3.1");
		JsonNode paths = docs.json().path("paths");
		assertThat(paths.propertyNames()).contains("/api/auth/register", "/api/auth/login", "/api/auth/me",
				"/api/billing/plans", "/api/billing/webhooks", "/api/billing/checkout", "/api/usage/summary");
		assertThat(paths.propertyNames())
			.allMatch((path) -> path.startsWith("/api/") || path.equals("/health") || path.startsWith("/actuator/health/"))
			.noneMatch((path) -> path.contains("/internal") || path.contains("/trials")
					|| path.startsWith("/api/usage/record") || path.startsWith("/api/usage/reserv"));
		assertThat(paths.path("/api/auth/login").path("post").path("responses").path("401").path("x-problem-codes")
			.toString()).contains("invalid_credentials");
		assertThat(docs.json().path("components").path("securitySchemes").propertyNames()).contains("bearerJwt")
			.doesNotContain("serviceToken");
		// The gateway's own surface: the configured upstreams (intelligence is metered) and its health.
		assertThat(paths.path("/api/memory/{path}").path("get").path("responses").path("429").path("x-problem-codes")
			.toString()).contains("rate_limited").doesNotContain("quota_exceeded");
		assertThat(paths.path("/api/" + E2eSuite.METERED_UPSTREAM + "/{path}").path("post").path("responses").path("429")
			.path("x-problem-codes").toString()).contains("rate_limited", "quota_exceeded");
		assertThat(paths.path("/health").path("get").path("responses").propertyNames()).contains("200", "503");
		// nothing a client cannot send: no injected argument described as a parameter
		assertThat(paths.toString()).doesNotContain("\"name\":\"user\"", "\"name\":\"caller\"");
	}

	@Test
	void apiDocsWhenPostedToGatewayThenNotServed() {
		Response post = this.api.post("/api/docs", "{}");

		assertThat(post.status()).as("%s", post).isBetween(400, 499);
	}

}
