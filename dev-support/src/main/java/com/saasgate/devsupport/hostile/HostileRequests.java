package com.saasgate.devsupport.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.saasgate.devsupport.hostile.ApiDescription.Operation;
import com.saasgate.devsupport.hostile.ApiDescription.Parameter;
import com.saasgate.devsupport.hostile.HostileValues.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every hostile variant of an operation's valid request: the valid request is built from the schema
 * (and from {@code known} values by field or parameter name, so that it gets past the first check:
 * a real user id, a known resource type), then spoiled one way at a time, and finally in
 * {@code tries} random combinations drawn from {@code seed}. The same seed gives the same requests.
 */
public final class HostileRequests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String MARK = "@@hostile-value@@";

	private static final String MISSING = null;

	/** Fields spoiled inside one top-level field. */
	private static final int MAX_NESTED = 6;

	private final Map<String, JsonNode> known;

	private final long seed;

	private final int tries;

	/**
	 * @param known valid values by field or parameter name, for what a schema cannot say (an existing id)
	 * @param seed of the random combinations
	 * @param tries random combinations per operation
	 */
	public HostileRequests(Map<String, ?> known, long seed, int tries) {
		Map<String, JsonNode> values = new LinkedHashMap<>();
		known.forEach((name, value) -> values.put(name, JSON.valueToTree(value)));
		this.known = values;
		this.seed = seed;
		this.tries = tries;
	}

	/** The valid request of {@code operation}, unspoiled: the control of every hostile one. */
	public HostileRequest valid(Operation operation) {
		return new Builder(operation).build("valid");
	}

	/** Every hostile variant of {@code operation}. */
	public List<HostileRequest> of(Operation operation) {
		List<HostileRequest> requests = new ArrayList<>();
		Builder valid = new Builder(operation);
		if (valid.body != null) {
			for (String pointer : pointers(valid.body, "")) {
				requests.add(valid.copy().field(pointer, MISSING).build("body" + pointer + " missing"));
				for (Value value : HostileValues.forField()) {
					requests.add(valid.copy().field(pointer, value.json()).build("body" + pointer + " = " + value.label()));
				}
			}
		}
		requests.addAll(bodies(valid));
		for (Parameter parameter : operation.parameters()) {
			if (!"path".equals(parameter.in()) && valid.has(parameter)) {
				requests.add(valid.copy().parameter(parameter, null).build(parameter.in() + " " + parameter.name() + " missing"));
			}
			for (Value value : ("header".equals(parameter.in()) ? headerValues() : HostileValues.forUrl())) {
				requests.add(valid.copy().parameter(parameter, value.json())
					.build(parameter.in() + " " + parameter.name() + " = " + value.label()));
			}
		}
		requests.add(valid.copy().rawQuery("%ff=1").build("query name %ff"));
		requests.add(valid.copy().rawQuery("a=%zz&a=%").build("query broken escapes"));
		requests.add(valid.copy().rawQuery("a=1&a=2&" + "b=x&".repeat(200)).build("query repeated and many"));
		requests.addAll(random(operation, valid));
		return requests;
	}

	private List<HostileRequest> bodies(Builder valid) {
		byte[] good = valid.bodyBytes();
		String text = new String(good, StandardCharsets.UTF_8);
		String first = (valid.body instanceof ObjectNode object && !object.isEmpty())
				? object.properties().iterator().next().getKey() : "a";
		List<HostileRequest> requests = new ArrayList<>();
		requests.add(valid.copy().rawBody("not json at all").build("body not JSON"));
		requests.add(valid.copy().rawBody("").build("body empty"));
		requests.add(valid.copy().rawBody("{").build("body truncated"));
		requests.add(valid.copy().rawBody("null").build("body null"));
		requests.add(valid.copy().rawBody("42").build("body a number"));
		requests.add(valid.copy().rawBody("\"text\"").build("body a string"));
		requests.add(valid.copy().rawBody("[]").build("body an empty array"));
		requests.add(valid.copy().rawBody("[" + text + "]").build("body the valid one in an array"));
		requests.add(valid.copy().rawBody("{\"" + first + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")
			.build("body nested 10000 deep"));
		requests.add(valid.copy().rawBody("{}").build("body an empty object"));
		if (text.startsWith("{") && text.length() > 2) {
			requests.add(valid.copy().rawBody("{\"" + first + "\":\"fuzz\"," + text.substring(1)).build("body duplicate key"));
			requests.add(valid.copy().rawBody("{\"" + first + "\":NaN," + text.substring(1)).build("body NaN"));
			requests.add(valid.copy().rawBody("{\"" + first + "\":1" + "0".repeat(2000) + "," + text.substring(1))
				.build("body a 2000-digit number"));
			requests.add(valid.copy().rawBody("{\"__proto__\":{\"admin\":true},\"constructor\":{},\"" + "k".repeat(300)
					+ "\":1," + text.substring(1)).build("body unknown fields"));
		}
		requests.add(valid.copy().rawBody(text + " trailing").build("body trailing garbage"));
		requests.add(valid.copy().rawBody("/* c */" + text).build("body a comment"));
		requests.add(valid.copy().rawBody("\uFEFF" + text).build("body with a BOM"));
		requests.add(valid.copy().rawBytes(withByte(text, 0xFF)).build("body invalid UTF-8 FF"));
		requests.add(valid.copy().rawBytes(withByte(text, 0xC0, 0xAF)).build("body overlong UTF-8 C0 AF"));
		requests.add(valid.copy().rawBytes(withByte(text, 0xED, 0xA0, 0x80)).build("body UTF-8 surrogate ED A0 80"));
		requests.add(valid.copy().contentType("text/plain").build("body as text/plain"));
		requests.add(valid.copy().contentType(null).build("body without Content-Type"));
		requests.add(valid.copy().contentType("application/xml").rawBody("<a>x</a>").build("body XML"));
		requests.add(valid.copy().contentType("application/json; charset=UTF-16").build("body declared UTF-16"));
		requests.add(valid.copy().contentType("not a media type").build("body garbage media type"));
		requests.add(valid.copy().contentType("application/x-www-form-urlencoded").rawBody("a=%ff&" + first + "=%zz")
			.build("body form with broken escapes"));
		requests.add(valid.copy().contentType("multipart/form-data; boundary=x").rawBody("--x\r\nbroken")
			.build("body broken multipart"));
		return requests;
	}

	private List<HostileRequest> random(Operation operation, Builder valid) {
		Random random = new Random(this.seed ^ operation.toString().hashCode());
		List<String> pointers = (valid.body != null) ? pointers(valid.body, "") : List.of();
		List<Parameter> parameters = operation.parameters();
		List<Value> urlValues = HostileValues.forUrl();
		List<HostileRequest> requests = new ArrayList<>();
		for (int i = 0; i < this.tries; i++) {
			Builder request = valid.copy();
			StringBuilder label = new StringBuilder("random #" + i + ":");
			int mutations = 1 + random.nextInt(3);
			for (int m = 0; m < mutations; m++) {
				int what = random.nextInt(4);
				if (what <= 1 && !pointers.isEmpty()) {
					String pointer = pointers.get(random.nextInt(pointers.size()));
					Value value = HostileValues.random(random, 0);
					request.field(pointer, value.json());
					label.append(" body").append(pointer).append(" = ").append(value.label()).append(';');
				}
				else if (what == 2 && request.body != null) {
					Value value = HostileValues.random(random, 0);
					String name = HostileValues.string(random).json();
					request.field("/" + unquote(name), value.json());
					label.append(" body field ").append(abbreviate(name)).append(" = ").append(value.label()).append(';');
				}
				else if (!parameters.isEmpty()) {
					Parameter parameter = parameters.get(random.nextInt(parameters.size()));
					Value value = "header".equals(parameter.in()) ? headerValues().get(random.nextInt(headerValues().size()))
							: urlValues.get(random.nextInt(urlValues.size()));
					request.parameter(parameter, value.json());
					label.append(' ').append(parameter.in()).append(' ').append(parameter.name()).append(" = ")
						.append(value.label()).append(';');
				}
				else {
					Value value = urlValues.get(random.nextInt(urlValues.size()));
					request.rawQuery("q=" + value.json());
					label.append(" query q = ").append(value.label()).append(';');
				}
			}
			requests.add(request.build(label.toString()));
		}
		return requests;
	}

	private static String unquote(String json) {
		String name = JSON.readTree(json).asString();
		return (name.isEmpty() || name.contains("/") || name.contains("~")) ? "x" + Math.abs(name.hashCode()) : name;
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "..." : text;
	}

	/**
	 * The longest value nearly fills the gateway's 8 KB for all of a request's headers, with room for the
	 * few others a client sends. Past that limit Reactor Netty answers {@code 431} itself, before any of
	 * the gateway's code, and without a problem document: a known gap (ARCHITECTURE.md, "Hostile input").
	 */
	private static List<Value> headerValues() {
		return List.of(new Value("empty", ""), new Value("300 chars", "k".repeat(300)), new Value("7500 chars", "k".repeat(7500)),
				new Value("space inside", "a b"), new Value("%ff", "%ff"), new Value("Latin-1 byte", "caf\u00e9"),
				new Value("SQL", "' OR 1=1 --"));
	}

	/** JSON pointers of the fields worth spoiling: the top level and one level into objects and arrays of objects. */
	private static List<String> pointers(JsonNode body, String prefix) {
		List<String> pointers = new ArrayList<>();
		if (!(body instanceof ObjectNode object)) {
			return pointers;
		}
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			String pointer = prefix + "/" + field.getKey();
			pointers.add(pointer);
			if (prefix.isEmpty()) {
				JsonNode value = field.getValue();
				List<String> nested = new ArrayList<>();
				if (value.isArray() && !value.isEmpty()) {
					nested.add(pointer + "/0");
					nested.addAll(pointers(value.get(0), pointer + "/0"));
				}
				else {
					nested.addAll(pointers(value, pointer));
				}
				// an open-ended object (free-form metadata) can describe dozens of fields: a few stand for all
				pointers.addAll(nested.subList(0, Math.min(nested.size(), MAX_NESTED)));
			}
		}
		return pointers;
	}

	private static byte[] withByte(String json, int... bytes) {
		int quote = json.indexOf("\":\"");
		String before = (quote >= 0) ? json.substring(0, quote + 3) : "{\"a\":\"";
		String after = (quote >= 0) ? json.substring(quote + 3) : "\"}";
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
		for (int b : bytes) {
			out.write(b);
		}
		out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** A valid value of {@code schema}: a known one by name, else the first enum value, else one of its type. */
	JsonNode validValue(JsonNode schema, String name, int depth) {
		if (name != null && this.known.containsKey(name)) {
			return this.known.get(name);
		}
		if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
			return schema.path("enum").get(0);
		}
		if (schema.has("default") && !schema.get("default").isNull()) {
			return schema.get("default");
		}
		String type = type(schema);
		return switch (type) {
			case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
			case "number" -> NODES.numberNode(Math.max(1, schema.path("minimum").asDouble(1)));
			case "boolean" -> NODES.booleanNode(true);
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				if (depth < 4) {
					array.add(validValue(schema.path("items"), null, depth + 1));
				}
				yield array;
			}
			case "object" -> {
				ObjectNode object = NODES.objectNode();
				if (depth < 4) {
					schema.path("properties").properties().forEach((p) -> object.set(p.getKey(), validValue(p.getValue(), p.getKey(), depth + 1)));
				}
				yield object;
			}
			default -> NODES.stringNode(validString(schema));
		};
	}

	private static String validString(JsonNode schema) {
		String format = schema.path("format").asString("");
		return switch (format) {
			case "uuid" -> UUID.nameUUIDFromBytes("hostile".getBytes(StandardCharsets.UTF_8)).toString();
			case "email" -> "hostile@example.com";
			case "date-time" -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
			case "date" -> Instant.now().toString().substring(0, 10);
			case "uri", "url" -> "https://example.com/";
			default -> "fuzz".repeat(Math.max(1, (schema.path("minLength").asInt(1) + 3) / 4));
		};
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode t : type) {
				if (!"null".equals(t.asString())) {
					return t.asString();
				}
			}
		}
		if (type.isString()) {
			return type.asString();
		}
		if (schema.has("properties")) {
			return "object";
		}
		return schema.has("items") ? "array" : "string";
	}

	/** A request under construction: the valid one, then each spoiling applied to a copy. */
	private final class Builder {

		private final Operation operation;

		private final JsonNode body;

		private final Map<String, String> pathValues;

		private final Map<String, String> query;

		private final Map<String, String> headers;

		private final Map<String, String> fieldEdits;

		private String rawQuery;

		private byte[] rawBody;

		private String contentType;

		Builder(Operation operation) {
			this.operation = operation;
			this.body = (operation.body() != null) ? validValue(operation.body(), null, 0) : null;
			this.pathValues = new LinkedHashMap<>();
			this.query = new LinkedHashMap<>();
			this.headers = new LinkedHashMap<>();
			this.fieldEdits = new LinkedHashMap<>();
			for (Parameter parameter : operation.parameters()) {
				boolean knownValue = HostileRequests.this.known.containsKey(parameter.name());
				if (!"path".equals(parameter.in()) && !parameter.required() && !knownValue) {
					continue;
				}
				JsonNode node = validValue(parameter.schema(), parameter.name(), 0);
				String value = node.isValueNode() ? node.asString() : JSON.writeValueAsString(node);
				switch (parameter.in()) {
					case "path" -> this.pathValues.put(parameter.name(), encode(value).replace("+", "%20"));
					case "query" -> this.query.put(parameter.name(), encode(value));
					case "header" -> this.headers.put(parameter.name(), value);
					default -> {
						// cookies: the API uses none
					}
				}
			}
			this.contentType = (this.body != null) ? "application/json" : null;
		}

		private Builder(Builder other) {
			this.operation = other.operation;
			this.body = other.body;
			this.pathValues = new LinkedHashMap<>(other.pathValues);
			this.query = new LinkedHashMap<>(other.query);
			this.headers = new LinkedHashMap<>(other.headers);
			this.fieldEdits = new LinkedHashMap<>(other.fieldEdits);
			this.rawQuery = other.rawQuery;
			this.rawBody = other.rawBody;
			this.contentType = other.contentType;
		}

		Builder copy() {
			return new Builder(this);
		}

		boolean has(Parameter parameter) {
			return this.query.containsKey(parameter.name()) || this.headers.containsKey(parameter.name());
		}

		/** Sets the field at {@code pointer} to raw JSON, or removes it when {@code json} is null. */
		Builder field(String pointer, String json) {
			this.fieldEdits.put(pointer, json);
			return this;
		}

		/** Sets a parameter to a value as it goes on the wire, or leaves it out when null. */
		Builder parameter(Parameter parameter, String wire) {
			Map<String, String> target = switch (parameter.in()) {
				case "path" -> this.pathValues;
				case "header" -> this.headers;
				default -> this.query;
			};
			if (wire == null) {
				target.remove(parameter.name());
			}
			else {
				target.put(parameter.name(), wire);
			}
			return this;
		}

		Builder rawQuery(String query) {
			this.rawQuery = query;
			return this;
		}

		Builder rawBody(String text) {
			return rawBytes(text.getBytes(StandardCharsets.UTF_8));
		}

		Builder rawBytes(byte[] bytes) {
			this.rawBody = bytes;
			if (this.contentType == null) {
				this.contentType = "application/json";
			}
			return this;
		}

		Builder contentType(String type) {
			this.contentType = type;
			if (this.rawBody == null) {
				this.rawBody = bodyBytes();
			}
			return this;
		}

		byte[] bodyBytes() {
			if (this.rawBody != null) {
				return this.rawBody;
			}
			if (this.body == null) {
				return new byte[0];
			}
			JsonNode tree = this.body.deepCopy();
			List<String> raws = new ArrayList<>();
			for (Map.Entry<String, String> edit : this.fieldEdits.entrySet()) {
				tree = edit(tree, edit.getKey(), edit.getValue(), raws);
			}
			String text = JSON.writeValueAsString(tree);
			for (int i = 0; i < raws.size(); i++) {
				text = text.replace("\"" + MARK + i + "\"", raws.get(i));
			}
			return text.getBytes(StandardCharsets.UTF_8);
		}

		private JsonNode edit(JsonNode tree, String pointer, String json, List<String> raws) {
			int slash = pointer.lastIndexOf('/');
			JsonNode parent = tree.at(pointer.substring(0, slash));
			String name = pointer.substring(slash + 1);
			String mark = MARK + raws.size();
			if (parent instanceof ObjectNode object) {
				if (json == null) {
					object.remove(name);
				}
				else {
					object.put(name, mark);
					raws.add(json);
				}
			}
			else if (parent instanceof ArrayNode array && name.chars().allMatch(Character::isDigit)) {
				int index = Integer.parseInt(name);
				if (json == null) {
					array.remove(index);
				}
				else {
					array.set(index, NODES.stringNode(mark));
					raws.add(json);
				}
			}
			return tree;
		}

		HostileRequest build(String label) {
			String path = this.operation.path();
			for (Map.Entry<String, String> value : this.pathValues.entrySet()) {
				path = path.replace("{" + value.getKey() + "}", value.getValue());
			}
			StringBuilder query = new StringBuilder();
			this.query.forEach((name, value) -> query.append((query.length() > 0) ? "&" : "").append(encode(name)).append('=').append(value));
			if (this.rawQuery != null) {
				query.append((query.length() > 0) ? "&" : "").append(this.rawQuery);
			}
			String target = path + ((query.length() > 0) ? "?" + query : "");
			byte[] bytes = bodyBytes();
			return new HostileRequest(label, this.operation.method(), target, this.headers, this.contentType, bytes);
		}

	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
