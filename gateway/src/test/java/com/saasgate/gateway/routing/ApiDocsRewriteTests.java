package com.saasgate.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsRewriteTests {

	private final ObjectMapper json = JsonMapper.builder().build();

	private final ApiDocsRewrite rewrite = new ApiDocsRewrite(this.json,
			List.of(new Upstreams.Upstream("memory", "http://memory:8080", Optional.empty()),
					new Upstreams.Upstream("intelligence", "http://intelligence:8080", Optional.of("llm_tokens"))));

	@Test
	void rewriteWhenAuthBillingDocsThenOnlyRoutedPathsUnderApiAndNoServiceScheme() {
		ObjectNode docs = (ObjectNode) this.json.readTree("""
				{"openapi": "3.1.0", "info": {"title": "auth-billing"},
				 "servers": [{"url": "http://localhost:3001"}],
				 "paths": {"/auth/login": {"post": {"responses": {"200": {}}}},
				           "/billing/checkout": {"post": {"responses": {"502": {"x-problem-codes": ["stripe_unavailable"]}}}},
				           "/billing/plans": {"get": {}}, "/usage/summary": {"get": {}},
				           "/usage/record": {"post": {}}, "/usage/reserve": {"post": {}}, "/trials/check": {"post": {}},
				           "/internal/users/{id}/tier": {"get": {}}, "/health": {"get": {}}},
				 "components": {"securitySchemes": {"bearerJwt": {}, "serviceToken": {}}}}
				""");

		ObjectNode rewritten = this.rewrite.rewrite(docs);

		assertThat(rewritten.path("paths").propertyNames()).containsExactlyInAnyOrder("/api/auth/login",
				"/api/billing/plans", "/api/billing/checkout", "/api/usage/summary", "/api/memory/{path}",
				"/api/intelligence/{path}", "/health",
				"/actuator/health/liveness", "/actuator/health/readiness");
		JsonNode login = rewritten.path("paths").path("/api/auth/login").path("post").path("responses");
		assertThat(login.propertyNames()).containsExactlyInAnyOrder("200", "502", "504");
		assertThat(codes(login.path("502"))).containsExactly("upstream_unavailable");
		JsonNode checkout = rewritten.path("paths").path("/api/billing/checkout").path("post").path("responses");
		assertThat(codes(checkout.path("502"))).containsExactly("stripe_unavailable", "upstream_unavailable");
		assertThat(rewritten.path("servers").get(0).path("url").asString()).isEqualTo("/");
		assertThat(rewritten.path("components").path("securitySchemes").propertyNames()).containsExactly("bearerJwt");
		assertThat(rewritten.path("openapi").asString()).isEqualTo("3.1.0");
	}

	@Test
	void rewriteWhenUpstreamsConfiguredThenEachDescribedByWhatTheGatewayAnswers() {
		ObjectNode rewritten = this.rewrite.rewrite((ObjectNode) this.json.readTree("""
				{"openapi": "3.1.0", "paths": {}, "components": {"securitySchemes": {"bearerJwt": {}}}}
				"""));

		JsonNode memory = rewritten.path("paths").path("/api/memory/{path}");
		assertThat(memory.propertyNames()).contains("parameters", "get", "post", "put", "patch", "delete");
		assertThat(memory.path("get").path("security").get(0).propertyNames()).containsExactly("bearerJwt");
		assertThat(memory.path("get").path("responses").propertyNames()).containsExactlyInAnyOrder("default", "401",
				"429", "502", "504");
		assertThat(codes(memory.path("get").path("responses").path("401"))).containsExactly("authentication_required",
				"invalid_token");
		assertThat(codes(memory.path("get").path("responses").path("429"))).containsExactly("rate_limited");
		assertThat(memory.path("get").path("responses").path("429").path("headers").propertyNames())
			.containsExactlyInAnyOrder("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining");
		JsonNode metered = rewritten.path("paths").path("/api/intelligence/{path}").path("post").path("responses");
		assertThat(codes(metered.path("429"))).containsExactly("rate_limited", "quota_exceeded");
		assertThat(codes(metered.path("503"))).containsExactly("upstream_unavailable");
		JsonNode health = rewritten.path("paths").path("/health").path("get");
		assertThat(health.path("responses").propertyNames()).containsExactlyInAnyOrder("200", "503");
		assertThat(health.path("responses").path("200").path("content").path("application/json").path("schema")
			.path("properties").path("checks").path("properties").propertyNames())
			.containsExactlyInAnyOrder("redis", "authBilling", "config");
		List<String> operationIds = new ArrayList<>();
		rewritten.path("paths").forEach((item) -> item.forEach((operation) -> {
			if (operation.has("operationId")) {
				operationIds.add(operation.path("operationId").asString());
			}
		}));
		assertThat(operationIds).doesNotHaveDuplicates().hasSize(13);
		assertThat(memory.path("get").path("responses").path("default").path("content").propertyNames())
			.containsExactly("*/*");
	}

	private static List<String> codes(JsonNode response) {
		List<String> codes = new ArrayList<>();
		response.path("x-problem-codes").forEach((code) -> codes.add(code.asString()));
		return codes;
	}

}
