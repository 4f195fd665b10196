package com.saasgate.devsupport.hostile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations of an OpenAPI 3.0 or 3.1 description, as the description states them: each method
 * and path, its parameters and its JSON request body, with local {@code $ref}s resolved. Nothing is
 * assumed beyond what the description says; what it leaves out (a type, a schema) is generated as a
 * string.
 */
public final class ApiDescription {

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

	private static final int MAX_DEPTH = 8;

	private final JsonNode root;

	private ApiDescription(JsonNode root) {
		this.root = root;
	}

	/** The operations of {@code openApi}, in the description's order. */
	public static List<Operation> operations(JsonNode openApi) {
		return new ApiDescription(openApi).operations();
	}

	private List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.root.path("paths").properties()) {
			JsonNode item = resolve(path.getValue(), 0);
			for (String method : METHODS) {
				JsonNode operation = item.get(method);
				if (operation != null) {
					operations.add(operation(method.toUpperCase(Locale.ROOT), path.getKey(), item, operation));
				}
			}
		}
		return operations;
	}

	private Operation operation(String method, String path, JsonNode item, JsonNode operation) {
		List<Parameter> parameters = new ArrayList<>();
		for (JsonNode list : List.of(item.path("parameters"), operation.path("parameters"))) {
			for (JsonNode parameter : list) {
				JsonNode p = resolve(parameter, 0);
				String name = p.path("name").asString("");
				String in = p.path("in").asString("query");
				parameters.removeIf((known) -> known.name().equals(name) && known.in().equals(in));
				parameters.add(new Parameter(name, in, p.path("required").asBoolean(false) || "path".equals(in),
						schema(p.path("schema"))));
			}
		}
		JsonNode body = resolve(operation.path("requestBody"), 0);
		JsonNode bodySchema = null;
		for (Map.Entry<String, JsonNode> content : body.path("content").properties()) {
			if (content.getKey().contains("json")) {
				bodySchema = schema(content.getValue().path("schema"));
				break;
			}
		}
		return new Operation(method, path, List.copyOf(parameters), bodySchema, body.path("required").asBoolean(false));
	}

	/** The schema with every {@code $ref} replaced and {@code allOf} merged, to a bounded depth. */
	JsonNode schema(JsonNode schema) {
		return expand(schema, 0);
	}

	private JsonNode expand(JsonNode schema, int depth) {
		JsonNode resolved = resolve(schema, depth);
		if (depth > MAX_DEPTH || !resolved.isObject()) {
			return resolved;
		}
		ObjectNode copy = ((ObjectNode) resolved).deepCopy();
		for (String choice : List.of("oneOf", "anyOf")) {
			if (copy.path(choice).isArray() && !copy.path(choice).isEmpty()) {
				JsonNode first = firstNotNull(copy.path(choice));
				copy.remove(choice);
				mergeInto(copy, expand(first, depth + 1));
			}
		}
		if (copy.path("allOf").isArray()) {
			JsonNode all = copy.remove("allOf");
			for (JsonNode part : all) {
				mergeInto(copy, expand(part, depth + 1));
			}
		}
		if (copy.path("properties").isObject()) {
			ObjectNode properties = JsonNodeFactory.instance.objectNode();
			copy.path("properties").properties().forEach((p) -> properties.set(p.getKey(), expand(p.getValue(), depth + 1)));
			copy.set("properties", properties);
		}
		if (copy.has("items")) {
			copy.set("items", expand(copy.get("items"), depth + 1));
		}
		return copy;
	}

	private static JsonNode firstNotNull(JsonNode choices) {
		for (JsonNode choice : choices) {
			if (!"null".equals(choice.path("type").asString(""))) {
				return choice;
			}
		}
		return choices.get(0);
	}

	private static void mergeInto(ObjectNode target, JsonNode part) {
		if (!part.isObject()) {
			return;
		}
		for (Map.Entry<String, JsonNode> field : part.properties()) {
			if ("properties".equals(field.getKey()) && target.path("properties").isObject()) {
				((ObjectNode) target.get("properties")).setAll((ObjectNode) field.getValue());
			}
			else if ("required".equals(field.getKey()) && target.path("required").isArray()) {
				field.getValue().forEach((name) -> target.withArray("required").add(name));
			}
			else if (!target.has(field.getKey())) {
				target.set(field.getKey(), field.getValue());
			}
		}
	}

	private JsonNode resolve(JsonNode node, int depth) {
		JsonNode current = (node == null) ? JsonNodeFactory.instance.missingNode() : node;
		for (int hops = 0; current.isObject() && current.has("$ref") && hops < MAX_DEPTH; hops++) {
			current = pointer(current.get("$ref").asString(""));
		}
		return current;
	}

	private JsonNode pointer(String ref) {
		if (!ref.startsWith("#/")) {
			return JsonNodeFactory.instance.objectNode();
		}
		JsonNode current = this.root;
		Iterator<String> parts = List.of(ref.substring(2).split("/")).iterator();
		while (parts.hasNext()) {
			current = current.path(parts.next().replace("~1", "/").replace("~0", "~"));
		}
		return current.isMissingNode() ? JsonNodeFactory.instance.objectNode() : current;
	}

	/** One operation. {@code body} is its JSON body's schema, null when it takes none. */
	public record Operation(String method, String path, List<Parameter> parameters, JsonNode body, boolean bodyRequired) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/** A path, query or header parameter. */
	public record Parameter(String name, String in, boolean required, JsonNode schema) {
	}

}
