package com.saasgate.gateway.routing;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsRewriteTests {

	private final ObjectMapper json = JsonMapper.builder().build();

	private final ApiDocsRewrite rewrite = new ApiDocsRewrite(this.json);

	@Test
	void rewriteWhenAuthBillingDocsThenOnlyRoutedPathsUnderApiAndNoServiceScheme() {
		ObjectNode docs = (ObjectNode) this.json.readTree("""
				{"openapi": "3.1.0", "info": {"title": "auth-billing"},
				 "servers": [{"url": "http://localhost:3001"}],
				 "paths": {"/auth/login": {"post": {}}, "/billing/plans": {"get": {}}, "/usage/summary": {"get": {}},
				           "/usage/record": {"post": {}}, "/usage/reserve": {"post": {}}, "/trials/check": {"post": {}},
				           "/internal/users/{id}/tier": {"get": {}}, "/health": {"get": {}}},
				 "components": {"securitySchemes": {"bearerJwt": {}, "serviceToken": {}}}}
				""");

		ObjectNode rewritten = this.rewrite.rewrite(docs);

		assertThat(rewritten.path("paths").propertyNames()).containsExactlyInAnyOrder("/api/auth/login",
				"/api/billing/plans", "/api/usage/summary");
		assertThat(rewritten.path("servers").get(0).path("url").asString()).isEqualTo("/");
		assertThat(rewritten.path("components").path("securitySchemes").propertyNames()).containsExactly("bearerJwt");
		assertThat(rewritten.path("openapi").asString()).isEqualTo("3.1.0");
	}

}
