package com.saasgate.gateway.routing;

import java.util.List;
import java.util.Map;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.saasgate.security.Headers;

import org.springframework.cloud.gateway.filter.factory.rewrite.RewriteFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns auth-billing's OpenAPI 3.1 description into the gateway's public one for {@code GET /api/docs}:
 * only the paths the gateway routes to auth-billing, each under {@code /api}, servers relative to the
 * gateway, and no service-token scheme (the gateway strips client-sent {@code X-Service-Token}).
 * Added to them: the gateway's own {@code GET /health}, and each configured upstream
 * ({@code /api/{service}/{path}}, any method), described by what the gateway itself answers (the
 * token, the tier rate limit, the quota of a metered upstream, an upstream that is down or slow);
 * everything else is the upstream's own answer.
 */
final class ApiDocsRewrite implements RewriteFunction<byte[], byte[]> {

	/** Which auth-billing paths {@link RouteConfiguration} routes under {@code /api}. */
	private static final List<String> PUBLIC_PREFIXES = List.of("/auth/", "/billing/");

	private static final List<String> PUBLIC_PATHS = List.of("/usage/summary");

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String PROBLEM = "#/components/schemas/Problem";

	private static final List<String> UPSTREAM_METHODS = List.of("get", "post", "put", "patch", "delete");

	private final ObjectMapper json;

	private final List<Upstreams.Upstream> upstreams;

	ApiDocsRewrite(ObjectMapper json, List<Upstreams.Upstream> upstreams) {
		this.json = json;
		this.upstreams = List.copyOf(upstreams);
	}

	@Override
	public Publisher<byte[]> apply(ServerWebExchange exchange, byte[] body) {
		if (body == null || !exchange.getResponse().getStatusCode().is2xxSuccessful()) {
			return Mono.justOrEmpty(body);
		}
		return Mono.fromCallable(() -> this.json.writeValueAsBytes(rewrite((ObjectNode) this.json.readTree(body))));
	}

	ObjectNode rewrite(ObjectNode docs) {
		ObjectNode paths = this.json.createObjectNode();
		for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
			if (isPublic(path.getKey())) {
				paths.set("/api" + path.getKey(), routed(path.getValue()));
			}
		}
		for (Upstreams.Upstream upstream : this.upstreams) {
			paths.set("/api/" + upstream.name() + "/{path}", upstreamPath(upstream));
		}
		paths.set("/health", healthPath());
		paths.set("/actuator/health/liveness", probePath("liveness"));
		paths.set("/actuator/health/readiness", probePath("readiness"));
		docs.set("paths", paths);
		docs.putArray("servers").addObject().put("url", "/").put("description", "the gateway");
		if (docs.path("info") instanceof ObjectNode info) {
			info.put("title", "saasgate public API (gateway)");
		}
		if (docs.path("components").path("securitySchemes") instanceof ObjectNode schemes) {
			schemes.remove("serviceToken");
		}
		return docs;
	}

	/** What the gateway adds to each call it forwards to auth-billing: auth-billing refused or too slow. */
	private JsonNode routed(JsonNode item) {
		item.properties().forEach((operation) -> {
			if (operation.getValue().path("responses") instanceof ObjectNode responses) {
				addProblem(responses, "502", "upstream_unavailable");
				addProblem(responses, "504", "upstream_unavailable");
			}
		});
		return item;
	}

	/** Adds {@code code} to the problem answer of {@code status}, beside auth-billing's own codes there. */
	private void addProblem(ObjectNode responses, String status, String code) {
		if (!(responses.get(status) instanceof ObjectNode response)
				|| !(response.get("x-problem-codes") instanceof ArrayNode codes)) {
			responses.set(status, problem(code));
			return;
		}
		codes.add(code);
		List<String> all = codes.valueStream().map(JsonNode::asString).toList();
		response.put("description", "Problem document; code: " + String.join(", ", all));
	}

	/** Actuator's probe groups, which the gateway also answers on its public port for orchestrators. */
	private ObjectNode probePath(String group) {
		ObjectNode item = this.json.createObjectNode();
		ObjectNode operation = item.putObject("get");
		operation.put("operationId", group + "Probe");
		operation.putArray("tags").add("health");
		operation.put("summary", "Actuator's " + group + " group of the gateway");
		operation.putArray("security");
		ObjectNode responses = operation.putObject("responses");
		responses.set("200", probe("Up"));
		responses.set("503", probe("Down"));
		return item;
	}

	private ObjectNode probe(String description) {
		ObjectNode response = this.json.createObjectNode().put("description", description);
		ObjectNode content = response.putObject("content");
		for (String mediaType : List.of("application/vnd.spring-boot.actuator.v3+json", "application/json")) {
			ObjectNode schema = content.putObject(mediaType).putObject("schema");
			schema.put("type", "object").putArray("required").add("status");
			schema.putObject("properties").putObject("status").put("type", "string");
		}
		return response;
	}

	private ObjectNode upstreamPath(Upstreams.Upstream upstream) {
		ObjectNode item = this.json.createObjectNode();
		ObjectNode parameter = item.putArray("parameters").addObject();
		parameter.put("name", "path").put("in", "path").put("required", true)
			.put("description", "Any path below /api/" + upstream.name() + "/, forwarded with its query string");
		parameter.putObject("schema").put("type", "string");
		for (String method : UPSTREAM_METHODS) {
			ObjectNode operation = item.putObject(method);
			operation.put("operationId", method + "Upstream" + upstream.name().substring(0, 1).toUpperCase()
					+ upstream.name().substring(1));
			operation.putArray("tags").add("upstream " + upstream.name());
			operation.put("summary", "Forwarded to the " + upstream.name() + " service");
			operation.put("description", "The gateway forwards the request with X-User-Id, X-User-Tier, X-Request-Id, "
					+ "X-Client-Address and its own service token (audience " + upstream.name() + "). The upstream's "
					+ "answer is passed on with X-RateLimit-Limit and X-RateLimit-Remaining."
					+ upstream.meteredResource().map((resource) -> " Metered: refused once the user's monthly "
							+ resource + " quota is spent.").orElse(""));
			operation.putArray("security").addObject().putArray("bearerJwt");
			ObjectNode responses = operation.putObject("responses");
			// whatever the upstream answers, with whatever body: the gateway passes it on
			responses.putObject("default")
				.put("description", "The upstream's own response")
				.putObject("content")
				.putObject("*/*")
				.putObject("schema");
			responses.set("401", problem("authentication_required", "invalid_token"));
			ObjectNode tooMany = upstream.meteredResource().isPresent() ? problem("rate_limited", "quota_exceeded")
					: problem("rate_limited");
			ObjectNode headers = tooMany.putObject("headers");
			for (String header : List.of(HttpHeaders.RETRY_AFTER, Headers.RATE_LIMIT_LIMIT, Headers.RATE_LIMIT_REMAINING)) {
				headers.putObject(header).putObject("schema").put("type", "integer");
			}
			responses.set("429", tooMany);
			responses.set("502", problem("upstream_unavailable"));
			if (upstream.meteredResource().isPresent()) {
				responses.set("503", problem("upstream_unavailable"));
			}
			responses.set("504", problem("upstream_unavailable"));
		}
		return item;
	}

	private ObjectNode healthPath() {
		ObjectNode item = this.json.createObjectNode();
		ObjectNode operation = item.putObject("get");
		operation.put("operationId", "gatewayHealth");
		operation.putArray("tags").add("health");
		operation.put("summary", "The gateway's health: redis, authBilling, config (Redis down is DEGRADED, still 200)");
		operation.putArray("security");
		ObjectNode responses = operation.putObject("responses");
		responses.set("200", health("Up, or degraded"));
		responses.set("503", health("A required dependency is down"));
		return item;
	}

	private ObjectNode health(String description) {
		ObjectNode response = this.json.createObjectNode().put("description", description);
		ObjectNode schema = response.putObject("content").putObject("application/json").putObject("schema");
		schema.put("type", "object").putArray("required").add("status").add("checks");
		ObjectNode properties = schema.putObject("properties");
		properties.putObject("status").put("type", "string").put("description", "UP, DEGRADED (still 200) or DOWN");
		ObjectNode checks = properties.putObject("checks").put("type", "object").putObject("properties");
		for (String check : List.of("redis", "authBilling", "config")) {
			checks.putObject(check).put("type", "string");
		}
		return response;
	}

	private ObjectNode problem(String... codes) {
		ObjectNode response = this.json.createObjectNode()
			.put("description", "Problem document; code: " + String.join(", ", codes));
		response.putObject("content").putObject(PROBLEM_JSON).putObject("schema").put("$ref", PROBLEM);
		ArrayNode list = response.putArray("x-problem-codes");
		for (String code : codes) {
			list.add(code);
		}
		return response;
	}

	static boolean isPublic(String path) {
		return PUBLIC_PATHS.contains(path) || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
	}

}
