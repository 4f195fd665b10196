package com.saasgate.authbilling.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.saasgate.authbilling.web.ContractProblems.Caller;
import com.saasgate.authbilling.web.ContractProblems.Endpoint;
import com.saasgate.authbilling.web.ContractProblems.Problem;
import com.saasgate.security.Headers;
import com.saasgate.security.ProblemCodes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs}: springdoc reads paths and bodies from the
 * controllers; {@link ContractProblems} adds each call's statuses, problem codes and security scheme.
 * Each problem status lists its codes in {@code x-problem-codes} and in its description.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String BEARER = "bearerJwt";

	static final String SERVICE_TOKEN = "serviceToken";

	/** The tier enum, written by billing's {@code ApiDocsSchemas} from {@code Tier}. */
	static final String TIER = "Tier";

	@Bean
	OpenAPI authBillingOpenApi() {
		return new OpenAPI()
			.info(new Info().title("saasgate auth-billing")
				.version("1")
				.description("Accounts, tokens, billing, usage and trials (api-contract.md sections 2 to 6). "
						+ "Every error is an RFC 9457 problem document with a stable code."))
			.components(new Components().addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
				.addSecuritySchemes(SERVICE_TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name(Headers.SERVICE_TOKEN)
					.description("A service's JWT: iss its name, aud auth-billing, at most 5 minutes")));
	}

	@Bean
	OpenApiCustomizer contractProblemsCustomizer() {
		return (openApi) -> {
			// after springdoc's own schemas, so that none of its models named Problem replaces ours
			openApi.getComponents().addSchemas("Problem", problemSchema());
			ContractProblems.ENDPOINTS.forEach((endpoint) -> describe(openApi, endpoint));
		};
	}

	private static void describe(OpenAPI openApi, Endpoint endpoint) {
		PathItem item = (openApi.getPaths() != null) ? openApi.getPaths().get(endpoint.path()) : null;
		Operation operation = (item != null) ? item.readOperationsMap()
			.get(PathItem.HttpMethod.valueOf(endpoint.method())) : null;
		if (operation == null) {
			// a table row without a handler: the docs test names it, the description stays valid
			return;
		}
		ApiResponses generated = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		ApiResponse template = generated.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("2"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseGet(() -> new ApiResponse().description("OK"));
		ApiResponses responses = new ApiResponses();
		for (int status : endpoint.success()) {
			responses.addApiResponse(Integer.toString(status), success(status, template));
		}
		problemsByStatus(endpoint.problems()).forEach((status, codes) -> responses
			.addApiResponse(Integer.toString(status), problem(codes)));
		operation.setResponses(responses);
		switch (endpoint.caller()) {
			case ANYONE -> operation.setSecurity(List.of());
			case USER -> operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
			case SERVICE -> operation.setSecurity(List.of(new SecurityRequirement().addList(SERVICE_TOKEN)));
		}
	}

	private static ApiResponse success(int status, ApiResponse template) {
		if (status == 204) {
			return new ApiResponse().description("No Content");
		}
		return new ApiResponse().description(template.getDescription()).content(template.getContent());
	}

	private static Map<Integer, List<String>> problemsByStatus(List<Problem> problems) {
		Map<Integer, List<String>> byStatus = new TreeMap<>();
		problems.forEach((problem) -> byStatus.computeIfAbsent(problem.status(), (status) -> new java.util.ArrayList<>())
			.add(problem.code()));
		return byStatus;
	}

	private static ApiResponse problem(List<String> codes) {
		ApiResponse response = new ApiResponse().description("Problem document; code: " + String.join(", ", codes))
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
		response.addExtension("x-problem-codes", List.copyOf(codes));
		return response;
	}

	private static Schema<Object> problemSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", typed("string").format("uri").description("Stable per code"));
		properties.put("title", typed("string"));
		properties.put("status", typed("integer").format("int32"));
		properties.put("detail", typed("string").description("Client-safe; never a stack trace"));
		Schema<Object> code = typed("string").description("Stable machine-readable code: the contract's, then "
				+ "the extensions listed in ARCHITECTURE.md");
		code.setEnum(new ArrayList<>(ProblemCodes.ALL));
		properties.put("code", code);
		properties.put("instance", typed("string").format("uri-reference"));
		// the gateway's rate_limited and quota_exceeded add these (RFC 9457 section 3.2 extension members)
		properties.put("tier", new Schema<>().$ref("#/components/schemas/" + TIER));
		properties.put("resourceType", new Schema<>().$ref("#/components/schemas/ResourceType"));
		properties.put("limit", typed("integer").format("int64").minimum(BigDecimal.ZERO));
		properties.put("used", typed("integer").format("int64").minimum(BigDecimal.ZERO));
		properties.put("remaining", typed("integer").format("int64").minimum(BigDecimal.ZERO));
		Schema<Object> resetAt = typed("string").format("date-time");
		resetAt.setTypes(new java.util.LinkedHashSet<>(List.of("string", "null")));
		properties.put("resetAt", resetAt);
		properties.put("upgradeUrl", typed("string").format("uri"));
		Schema<Object> schema = typed("object");
		schema.setProperties(properties);
		schema.setRequired(List.of("type", "title", "status", "code"));
		return schema.description("RFC 9457 problem document; rate_limited adds tier, limit, remaining, resetAt "
				+ "and upgradeUrl, quota_exceeded also resourceType and used");
	}

	private static Schema<Object> typed(String type) {
		// OpenAPI 3.1 writes JSON Schema's type set; 3.0 reads the single type
		Schema<Object> schema = new Schema<>();
		schema.setType(type);
		schema.setTypes(Set.of(type));
		return schema;
	}

}
