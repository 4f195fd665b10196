package com.saasgate.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API's OpenAPI 3.1 description at the gateway's {@code GET /api/docs}: auth-billing's,
 * cut to the routed paths and put under {@code /api}; auth-billing's internal calls are not in it.
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
		assertThat(paths.propertyNames()).allMatch((path) -> path.startsWith("/api/"))
			.noneMatch((path) -> path.contains("/internal") || path.contains("/trials")
					|| path.startsWith("/api/usage/record") || path.startsWith("/api/usage/reserv"));
		assertThat(paths.path("/api/auth/login").path("post").path("responses").path("401").path("x-problem-codes")
			.toString()).contains("invalid_credentials");
		assertThat(docs.json().path("components").path("securitySchemes").propertyNames()).contains("bearerJwt")
			.doesNotContain("serviceToken");
	}

	@Test
	void apiDocsWhenPostedToGatewayThenNotServed() {
		Response post = this.api.post("/api/docs", "{}");

		assertThat(post.status()).as("%s", post).isBetween(400, 499);
	}

}
