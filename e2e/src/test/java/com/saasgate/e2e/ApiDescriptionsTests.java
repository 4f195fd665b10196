package com.saasgate.e2e;

import com.saasgate.e2e.ApiDescriptions.Description;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The response check every e2e answer goes through, against a small OpenAPI 3.1 description. */
class ApiDescriptionsTests {

	private static final String JSON = "application/json";

	private static final String PROBLEM = "application/problem+json";

	private final Description description = Description.of("/docs", (ObjectNode) Api.JSON.readTree("""
			{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
			 "paths": {
			   "/things/{id}": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
			     "get": {"responses": {
			     "200": {"description": "a thing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
			     "404": {"description": "none", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
			   "/up/{path}": {"parameters": [{"name": "path", "in": "path", "required": true, "schema": {"type": "string"}}],
			     "get": {"responses": {"default": {"description": "the upstream's", "content": {"*/*": {"schema": {}}}}}}}},
			 "components": {"schemas": {
			   "Thing": {"type": "object", "required": ["id", "name", "tier"], "properties": {
			     "id": {"type": "string", "format": "uuid"}, "name": {"type": ["string", "null"]},
			     "tier": {"$ref": "#/components/schemas/Tier"}, "count": {"type": "integer", "minimum": 0}}},
			   "Tier": {"type": "string", "enum": ["basic", "pro"]},
			   "Problem": {"type": "object", "required": ["type", "title", "status", "code"], "properties": {
			     "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
			     "code": {"type": "string", "enum": ["not_found"]}}}}}}
			"""));

	@Test
	void checkWhenAnswerMatchesSchemaThenPasses() {
		assertThatCode(() -> this.description.check("GET", "/things/1", 200, JSON,
				"{\"id\": \"6f1c1f3e-8f0e-4c39-9d55-0c5b0f3b6a11\", \"name\": null, \"tier\": \"pro\", \"count\": 3}"))
			.doesNotThrowAnyException();
	}

	@Test
	void checkWhenRequiredFieldMissingThenFails() {
		assertThatThrownBy(() -> this.description.check("GET", "/things/1", 200, JSON,
				"{\"id\": \"6f1c1f3e-8f0e-4c39-9d55-0c5b0f3b6a11\", \"name\": \"n\"}"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("tier");
	}

	@Test
	void checkWhenEnumOrBoundOrTypeBrokenThenFails() {
		String id = "\"id\": \"6f1c1f3e-8f0e-4c39-9d55-0c5b0f3b6a11\"";
		assertThatThrownBy(() -> this.description.check("GET", "/things/1", 200, JSON,
				"{" + id + ", \"name\": null, \"tier\": \"gold\"}"))
			.isInstanceOf(AssertionError.class);
		assertThatThrownBy(() -> this.description.check("GET", "/things/1", 200, JSON,
				"{" + id + ", \"name\": null, \"tier\": \"pro\", \"count\": -1}"))
			.isInstanceOf(AssertionError.class);
		assertThatThrownBy(() -> this.description.check("GET", "/things/1", 200, JSON,
				"{" + id + ", \"name\": 5, \"tier\": \"pro\"}"))
			.isInstanceOf(AssertionError.class);
	}

	@Test
	void checkWhenStatusNotDescribedThenFails() {
		assertThatThrownBy(() -> this.description.check("GET", "/things/1", 500, PROBLEM,
				"{\"type\": \"t\", \"title\": \"t\", \"status\": 500, \"code\": \"not_found\"}"))
			.isInstanceOf(AssertionError.class);
	}

	@Test
	void checkWhenProblemCodeUnknownThenFails() {
		assertThatThrownBy(() -> this.description.check("GET", "/things/1", 404, PROBLEM,
				"{\"type\": \"t\", \"title\": \"t\", \"status\": 404, \"code\": \"gone_fishing\"}"))
			.isInstanceOf(AssertionError.class);
		assertThatCode(() -> this.description.check("GET", "/things/1", 404, PROBLEM,
				"{\"type\": \"t\", \"title\": \"t\", \"status\": 404, \"code\": \"not_found\"}"))
			.doesNotThrowAnyException();
	}

	@Test
	void checkWhenPathNotDescribedThenOnlyAProblemWithAKnownCodePasses() {
		assertThatCode(() -> this.description.check("POST", "/nothing", 404, PROBLEM,
				"{\"type\": \"t\", \"title\": \"Not Found\", \"status\": 404, \"code\": \"not_found\"}"))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> this.description.check("GET", "/nothing", 200, JSON, "{}"))
			.isInstanceOf(AssertionError.class);
		assertThatThrownBy(() -> this.description.check("DELETE", "/things/1", 404, PROBLEM,
				"{\"type\": \"t\", \"title\": \"Not Found\", \"status\": 404, \"code\": \"gone_fishing\"}"))
			.isInstanceOf(AssertionError.class);
	}

	@Test
	void checkWhenUpstreamPathOfAnyDepthThenItsDefaultAnswerPasses() {
		assertThatCode(() -> this.description.check("GET", "/up/a/b/c", 201, "text/plain", "whatever"))
			.doesNotThrowAnyException();
	}

}
