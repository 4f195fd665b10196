package com.saasgate.authbilling.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.security.ProblemCodes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description against the contract's calls, copied into {@code contract/paths.txt}: a path,
 * method, status or problem code missing from {@code /v3/api-docs} fails here.
 */
@IntegrationTest
class ApiDocsTests {

	/** The contract's calls that take a body ({@code POST /auth/register {email, password, name?}} etc.). */
	private static final List<String> POSTS_WITH_BODY = List.of("/auth/register", "/auth/verify-email",
			"/auth/resend-verification", "/auth/login", "/auth/refresh", "/auth/logout", "/auth/password/forgot",
			"/auth/password/reset", "/billing/checkout", "/billing/webhooks", "/usage/record", "/usage/record/batch",
			"/usage/reserve", "/usage/reservations/{id}/commit");

	@LocalServerPort
	int port;

	@Test
	void apiDocsWhenFetchedThenEveryContractPathAndProblemCodeIsDescribed() throws IOException {
		JsonNode paths = docs().get("paths");
		List<String> missing = new ArrayList<>();

		for (ContractLine line : contractLines()) {
			JsonNode response = paths.path(line.path()).path(line.method().toLowerCase(Locale.ROOT))
				.path("responses")
				.path(line.status());
			if (response.isMissingNode()) {
				missing.add(line + ": no such path, method or status");
			}
			else if (!line.code().equals("-") && !codes(response).contains(line.code())) {
				missing.add(line + ": code not in x-problem-codes " + codes(response));
			}
		}

		assertThat(missing).as("contract calls the description lacks").isEmpty();
	}

	@Test
	void apiDocsWhenFetchedThenEveryCallWithABodyDescribesItAndJsonAnswersHaveASchema() {
		JsonNode paths = docs().get("paths");

		for (String path : POSTS_WITH_BODY) {
			assertThat(paths.path(path).path("post").path("requestBody").path("content").isEmpty())
				.as("request body of POST %s", path)
				.isFalse();
		}
		JsonNode registered = paths.path("/auth/register").path("post").path("responses").path("201").path("content");
		assertThat(registered.toString()).as("201 of POST /auth/register").contains("schema");
		JsonNode me = paths.path("/auth/me").path("get").path("responses").path("200").path("content");
		assertThat(me.toString()).as("200 of GET /auth/me").contains("schema");
	}

	@Test
	void apiDocsWhenFetchedThenOpenApi31WithProblemSchemaAndBothSecuritySchemes() {
		JsonNode docs = docs();

		assertThat(docs.get("openapi").asString()).startsWith("3.1");
		JsonNode problem = docs.path("components").path("schemas").path("Problem").path("properties");
		assertThat(problem.propertyNames()).as("%s", docs.path("components").path("schemas")).contains("type", "title", "status", "detail", "code", "instance");
		JsonNode schemes = docs.path("components").path("securitySchemes");
		assertThat(schemes.path("bearerJwt").path("scheme").asString()).isEqualTo("bearer");
		assertThat(schemes.path("serviceToken").path("name").asString()).isEqualTo("X-Service-Token");
		JsonNode me = docs.path("paths").path("/auth/me").path("get");
		assertThat(me.path("security").get(0).propertyNames()).containsExactly("bearerJwt");
		JsonNode quota = docs.path("paths").path("/usage/quota").path("get");
		assertThat(quota.path("security").get(0).propertyNames()).containsExactly("serviceToken");
		JsonNode loginProblem = docs.path("paths").path("/auth/login").path("post").path("responses").path("401");
		assertThat(loginProblem.path("content").path("application/problem+json").path("schema").path("$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
	}

	@Test
	void apiDocsWhenFetchedThenNoInjectedParameterAndNoErrorPath() {
		JsonNode paths = docs().get("paths");

		assertThat(paths.propertyNames()).doesNotContain("/error");
		List<String> parameters = new ArrayList<>();
		paths.properties().forEach((path) -> path.getValue().properties().forEach((operation) -> operation.getValue()
			.path("parameters")
			.forEach((parameter) -> parameters.add(parameter.path("name").asString()))));
		assertThat(parameters).doesNotContain("user", "caller", "request", "http");
		assertThat(docs().path("components").path("schemas").propertyNames()).doesNotContain("AuthenticatedUser",
				"CallingService", "JsonNode", "ProblemDetail");
	}

	@Test
	void apiDocsWhenFetchedThenProblemCodeIsTheEnumOfEveryCodeAndFieldsAreTyped() {
		JsonNode schemas = docs().path("components").path("schemas");

		List<String> codes = new ArrayList<>();
		schemas.path("Problem").path("properties").path("code").path("enum").forEach((code) -> codes.add(code.asString()));
		assertThat(codes).containsExactlyElementsOf(ProblemCodes.ALL);
		List<String> tiers = new ArrayList<>();
		schemas.path("Tier").path("enum").forEach((tier) -> tiers.add(tier.asString()));
		assertThat(tiers).containsExactly("free_trial", "free_restricted", "basic", "pro");
		assertThat(schemas.path("TokenPair").path("required").toString()).contains("accessToken", "refreshToken",
				"tokenType", "expiresIn");
		assertThat(schemas.path("Me").path("properties").path("tier").path("$ref").asString())
			.isEqualTo("#/components/schemas/Tier");
		assertThat(schemas.path("Me").path("properties").path("trialEndsAt").path("type").toString())
			.isEqualTo("[\"string\",\"null\"]");
		JsonNode amount = schemas.path("RecordRequest").path("properties").path("amount");
		assertThat(amount.path("type").asString()).isEqualTo("integer");
		assertThat(amount.path("minimum").asInt()).isEqualTo(1);
		assertThat(schemas.path("ResourceUsage").path("properties").path("resourceType").path("$ref").asString())
			.isEqualTo("#/components/schemas/ResourceType");
	}

	@Test
	void apiDocsWhenWrittenToThenRefusedWithProblem() {
		Api.Response post = Api.local(this.port).post("/v3/api-docs", Api.body("openapi", "3.0.0"));

		assertThat(post.status()).isBetween(400, 499);
		assertThat(docs().path("paths").has("/auth/login")).isTrue();
	}

	private JsonNode docs() {
		Api.Response docs = Api.local(this.port).get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		return docs.json();
	}

	private static List<String> codes(JsonNode response) {
		List<String> codes = new ArrayList<>();
		response.path("x-problem-codes").forEach((code) -> codes.add(code.asString()));
		return codes;
	}

	private static List<ContractLine> contractLines() throws IOException {
		try (InputStream in = ApiDocsTests.class.getResourceAsStream("/contract/paths.txt")) {
			assertThat(in).as("contract/paths.txt on the test class path").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map(ContractLine::parse)
				.toList();
		}
	}

	private record ContractLine(String method, String path, String status, String code) {

		static ContractLine parse(String line) {
			String[] parts = line.split("\\s+");
			assertThat(parts).as("METHOD PATH STATUS CODE: %s", line).hasSize(4);
			return new ContractLine(parts[0], parts[1], parts[2], parts[3]);
		}

		@Override
		public String toString() {
			return this.method + " " + this.path + " " + this.status + " " + this.code;
		}

	}

}
