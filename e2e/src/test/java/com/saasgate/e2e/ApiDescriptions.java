package com.saasgate.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.saasgate.devsupport.DevSuite;
import com.saasgate.security.ProblemCodes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every answer the tests receive from the gateway ({@code /api/docs}) or from auth-billing's public port
 * ({@code /v3/api-docs}) is checked against that service's live OpenAPI description, fetched once:
 * the status must be described for the operation, the body must match its schema (required fields,
 * types, formats, enums), and a problem document must carry a code of the {@code Problem} enum. A path or
 * method the description does not have may only be refused, with a problem document of a known code.
 *
 * <p>Atlassian's validator reads OpenAPI 3.0 and JSON Schema draft 4, so the 3.1 description is handed
 * to it with 3.1's type sets written as 3.0's {@code type} and {@code nullable} ({@link #asOpenApi30}).
 */
final class ApiDescriptions {

	/** Where each service serves its own description; answers from there are not checked against it. */
	private static final String GATEWAY_DOCS = "/api/docs";

	private static final String AUTH_BILLING_DOCS = "/v3/api-docs";

	private static final Map<String, Description> BY_BASE_URL = new ConcurrentHashMap<>();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ApiDescriptions() {
	}

	/**
	 * Fails the test when the answer to {@code method url} is not what the description of the service at
	 * {@code url} says. Answers from other addresses (the management ports, the upstream stand-in) pass.
	 */
	static void check(DevSuite suite, String method, String url, int status, String contentType, String body) {
		Description description = descriptionFor(suite, url);
		if (description == null || method.equalsIgnoreCase("OPTIONS")) {
			// a CORS preflight is the browser's, not an operation of the API
			return;
		}
		String path = URI.create(url).getRawPath();
		if (path.equals(description.docsPath())) {
			return;
		}
		description.check(method, path, status, contentType, body);
	}

	private static Description descriptionFor(DevSuite suite, String url) {
		if (url.startsWith(suite.gatewayUrl() + "/")) {
			return BY_BASE_URL.computeIfAbsent(suite.gatewayUrl(), (base) -> Description.fetch(base, GATEWAY_DOCS));
		}
		if (url.startsWith(suite.authBillingUrl() + "/")) {
			return BY_BASE_URL.computeIfAbsent(suite.authBillingUrl(),
					(base) -> Description.fetch(base, AUTH_BILLING_DOCS));
		}
		return null;
	}

	/** The description as the service serves it (OpenAPI 3.1 JSON). */
	static JsonNode fetch(String baseUrl, String docsPath) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + docsPath)).timeout(Duration.ofSeconds(30)).build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s%s", baseUrl, docsPath).isEqualTo(200);
			return Api.JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + baseUrl + docsPath + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * OpenAPI 3.1's schema dialect written as 3.0's, for a validator that reads only 3.0: a type set with
	 * {@code "null"} becomes the other type plus {@code nullable}, {@code const} a one-value enum.
	 */
	static ObjectNode asOpenApi30(ObjectNode docs) {
		ObjectNode copy = docs.deepCopy();
		copy.put("openapi", "3.0.3");
		copy.remove(List.of("jsonSchemaDialect", "webhooks"));
		rewrite(copy);
		return copy;
	}

	private static void rewrite(JsonNode node) {
		if (node instanceof ObjectNode object) {
			if (object.get("type") instanceof ArrayNode types) {
				List<String> named = types.valueStream().map(JsonNode::asString).filter((type) -> !type.equals("null")).toList();
				if (named.size() == 1) {
					object.put("type", named.get(0));
				}
				else {
					object.remove("type");
					if (named.isEmpty()) {
						// {"type": "null"}: draft 4 says it with an enum
						object.putArray("enum").addNull();
					}
				}
				if (named.size() < types.size()) {
					object.put("nullable", true);
				}
			}
			if (object.has("const") && !object.has("enum")) {
				object.putArray("enum").add(object.remove("const"));
			}
			if (object.get("examples") instanceof ArrayNode) {
				object.remove("examples");
			}
			object.values().forEach(ApiDescriptions::rewrite);
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(ApiDescriptions::rewrite);
		}
	}

	/** One service's description and its validator. */
	record Description(String docsPath, List<String> wildcardPrefixes, OpenApiInteractionValidator validator) {

		/** A described path ending in this parameter takes any rest of the path (the gateway's upstreams). */
		private static final String WILDCARD = "/{path}";

		static Description fetch(String baseUrl, String docsPath) {
			return of(docsPath, (ObjectNode) ApiDescriptions.fetch(baseUrl, docsPath));
		}

		static Description of(String docsPath, ObjectNode docs) {
			List<String> wildcards = docs.path("paths")
				.propertyNames()
				.stream()
				.filter((path) -> path.endsWith(WILDCARD))
				.map((path) -> path.substring(0, path.length() - WILDCARD.length() + 1))
				.toList();
			OpenApiInteractionValidator validator = OpenApiInteractionValidator
				.createForInlineApiSpecification(Api.JSON.writeValueAsString(asOpenApi30(docs)))
				.build();
			return new Description(docsPath, wildcards, validator);
		}

		void check(String method, String rawPath, int status, String contentType, String body) {
			String path = describedPath(rawPath);
			SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
			if (contentType != null) {
				response.withContentType(contentType);
			}
			if (body != null && !body.isEmpty()) {
				response.withBody(body);
			}
			ValidationReport report = this.validator.validateResponse(path,
					Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
			boolean undescribed = report.getMessages()
				.stream()
				.anyMatch((message) -> message.getKey().equals("validation.request.path.missing")
						|| message.getKey().equals("validation.request.operation.notAllowed"));
			if (undescribed) {
				assertRefusedWithKnownProblem(method, rawPath, status, contentType, body);
				return;
			}
			if (report.hasErrors()) {
				fail("%s %s answered %d %s %s%nwhich %s does not describe:%n%s", method, rawPath, status, contentType,
						abbreviated(body), this.docsPath, report.getMessages()
							.stream()
							.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
							.map((message) -> "- " + message.getKey() + ": " + message.getMessage())
							.collect(Collectors.joining("\n")));
			}
		}

		private String describedPath(String rawPath) {
			for (String prefix : this.wildcardPrefixes) {
				if (rawPath.startsWith(prefix) && rawPath.length() > prefix.length()) {
					return prefix + "any";
				}
			}
			return rawPath;
		}

		private void assertRefusedWithKnownProblem(String method, String path, int status, String contentType,
				String body) {
			String answer = method + " " + path + " (not in " + this.docsPath + ") answered " + status + " "
					+ contentType + " " + abbreviated(body);
			assertThat(status).as(answer).isGreaterThanOrEqualTo(400);
			assertThat(contentType).as(answer).startsWith("application/problem+json");
			JsonNode problem = Api.JSON.readTree(body);
			assertThat(problem.path("status").asInt()).as(answer).isEqualTo(status);
			assertThat(problem.path("title").isString()).as(answer).isTrue();
			assertThat(problem.path("type").isString()).as(answer).isTrue();
			assertThat(ProblemCodes.ALL).as(answer).contains(problem.path("code").asString());
		}

		private static String abbreviated(String body) {
			return (body == null || body.length() <= 500) ? String.valueOf(body) : body.substring(0, 500) + "...";
		}

	}

}
