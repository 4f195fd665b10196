package com.saasgate.gateway.routing;

import java.util.List;
import java.util.Map;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.gateway.filter.factory.rewrite.RewriteFunction;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns auth-billing's OpenAPI 3.1 description into the gateway's public one for {@code GET /api/docs}:
 * only the paths the gateway routes to auth-billing, each under {@code /api}, servers relative to the
 * gateway, and no service-token scheme (the gateway strips client-sent {@code X-Service-Token}).
 * The gateway's own {@code /health} and the {@code /api/{service}/**} upstreams are not described.
 */
final class ApiDocsRewrite implements RewriteFunction<byte[], byte[]> {

	/** Which auth-billing paths {@link RouteConfiguration} routes under {@code /api}. */
	private static final List<String> PUBLIC_PREFIXES = List.of("/auth/", "/billing/");

	private static final List<String> PUBLIC_PATHS = List.of("/usage/summary");

	private final ObjectMapper json;

	ApiDocsRewrite(ObjectMapper json) {
		this.json = json;
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
				paths.set("/api" + path.getKey(), path.getValue());
			}
		}
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

	static boolean isPublic(String path) {
		return PUBLIC_PATHS.contains(path) || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
	}

}
