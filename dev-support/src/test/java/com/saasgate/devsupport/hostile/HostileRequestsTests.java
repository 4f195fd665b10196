package com.saasgate.devsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.saasgate.devsupport.hostile.ApiDescription.Operation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class HostileRequestsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNode DESCRIPTION = JSON.readTree("""
			{"openapi": "3.1.0",
			 "paths": {
			   "/things/{id}": {
			     "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
			     "post": {
			       "parameters": [{"name": "limit", "in": "query", "required": true, "schema": {"type": "integer"}}],
			       "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
			     "get": {}}},
			 "components": {"schemas": {"Thing": {"type": "object", "required": ["name"],
			   "properties": {"name": {"type": "string"}, "count": {"type": ["integer", "null"]},
			     "kind": {"type": "string", "enum": ["a", "b"]}}}}}}
			""");

	@Test
	void operationsWhenDescriptionListsPathsThenEveryMethodWithItsParametersAndBody() {
		List<Operation> operations = ApiDescription.operations(DESCRIPTION);

		assertThat(operations).extracting(Operation::toString).containsExactly("GET /things/{id}", "POST /things/{id}");
		Operation post = operations.get(1);
		assertThat(post.parameters()).extracting(ApiDescription.Parameter::name).containsExactly("id", "limit");
		assertThat(post.body().path("properties").path("name").path("type").asString()).isEqualTo("string");
	}

	@Test
	void validWhenSchemaAndKnownValuesThenAValidRequest() {
		HostileRequests requests = new HostileRequests(Map.of("id", "42"), 1, 0);

		HostileRequest valid = requests.valid(ApiDescription.operations(DESCRIPTION).get(1));

		assertThat(valid.target()).isEqualTo("/things/42?limit=1");
		assertThat(text(valid)).isEqualTo("{\"name\":\"fuzz\",\"count\":1,\"kind\":\"a\"}");
		assertThat(valid.contentType()).isEqualTo("application/json");
	}

	@Test
	void ofWhenOperationHasFieldsAndParametersThenEachIsSpoiledEveryWay() {
		List<HostileRequest> requests = new HostileRequests(Map.of("id", "42"), 1, 0)
			.of(ApiDescription.operations(DESCRIPTION).get(1));

		assertThat(requests).extracting(HostileRequest::label)
			.contains("body/name missing", "body/name = null", "body/count = 2^63", "body/kind = lone surrogate",
					"body duplicate key", "body invalid UTF-8 FF", "body nested 10000 deep", "query limit missing",
					"query limit = %ff", "path id = %zz", "path id = encoded traversal");
		HostileRequest bigNumber = requests.stream().filter((r) -> r.label().equals("body/count = 2^63")).findFirst().orElseThrow();
		assertThat(text(bigNumber)).isEqualTo("{\"name\":\"fuzz\",\"count\":9223372036854775808,\"kind\":\"a\"}");
		HostileRequest missing = requests.stream().filter((r) -> r.label().equals("body/name missing")).findFirst().orElseThrow();
		assertThat(text(missing)).isEqualTo("{\"count\":1,\"kind\":\"a\"}");
		assertThat(requests).filteredOn((r) -> r.label().equals("path id = %zz")).singleElement()
			.extracting(HostileRequest::target).isEqualTo("/things/%zz?limit=1");
	}

	@Test
	void ofWhenSameSeedThenSameRandomRequestsAndOtherSeedOthers() {
		Operation post = ApiDescription.operations(DESCRIPTION).get(1);

		List<String> first = describe(new HostileRequests(Map.of(), 7, 30).of(post));
		List<String> again = describe(new HostileRequests(Map.of(), 7, 30).of(post));
		List<String> other = describe(new HostileRequests(Map.of(), 8, 30).of(post));

		assertThat(first).filteredOn((d) -> d.contains("random #")).hasSize(30);
		assertThat(again).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
	}

	private static List<String> describe(List<HostileRequest> requests) {
		return requests.stream().map((r) -> r.describe() + new String(r.body(), StandardCharsets.UTF_8)).toList();
	}

	private static String text(HostileRequest request) {
		return new String(request.body(), StandardCharsets.UTF_8);
	}

}
