package com.saasgate.authbilling.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestServiceTokens;
import com.saasgate.authbilling.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auth call with a body, fed what a careless or hostile client sends: the answer is always a
 * 4xx problem document that names nothing internal, and nothing is stored.
 */
@IntegrationTest
class BadInputTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> INTERNALS = List.of("Exception", "exception", "java.", "jakarta.",
			"springframework", "jackson", "com.saasgate", "\tat ", "SQL", "sql", "postgres", "SELECT", "INSERT",
			"DROP TABLE", "stackTrace", "trace");

	private static final int KIB = 1024;

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	Api api;

	JdbcTemplate jdbc;

	@BeforeEach
	void setUp() {
		this.api = Api.local(this.port);
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("badRequests")
	void postWhenBodyIsNotTheExpectedJsonThenInvalidRequestAndNothingStored(Endpoint endpoint, String label,
			byte[] body) {
		Api.Response response = this.api.postRaw(endpoint.path(), body);

		assertProblem(response, 400, "invalid_request");
		assertNothingStored();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("oversizedBodies")
	void postWhenBodyOverTheCapThenPayloadTooLarge(Endpoint endpoint, String label, byte[] body) {
		Api.Response response = this.api.postRaw(endpoint.path(), body);

		assertProblem(response, 413, "payload_too_large");
		assertNothingStored();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("endpoints")
	void postWhenChunkedBodyOverTheCapThenPayloadTooLarge(Endpoint endpoint) throws Exception {
		byte[] body = endpoint.jsonWith(endpoint.fields().get(0), "x".repeat(100 * KIB));
		// An InputStream publisher has no known length, so the body goes out chunked, without Content-Length.
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + endpoint.path()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		HttpResponse<byte[]> raw = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());

		assertProblem(new Api.Response(raw.statusCode(), raw.headers().map(), raw.body()), 413, "payload_too_large");
		assertNothingStored();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("unsupportedMediaTypes")
	void postWhenNotJsonThenUnsupportedMediaType(Endpoint endpoint, String label, String contentType, byte[] body) {
		Api.Response response = (contentType != null)
				? this.api.postRaw(endpoint.path(), body, "Content-Type", contentType)
				: this.api.send("POST", endpoint.path(), body);

		assertProblem(response, 415, "unsupported_media_type");
		assertNothingStored();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("sqlIsh")
	void postWhenFieldsHoldSqlThenContractAnswerAndNothingStored(Endpoint endpoint, String sql) {
		Map<String, Object> body = new LinkedHashMap<>();
		endpoint.fields().forEach((field) -> body.put(field, sql));

		Api.Response response = this.api.post(endpoint.path(), body);

		if (endpoint.sqlStatus() >= 400) {
			assertProblem(response, endpoint.sqlStatus(), null);
			assertThat(response.code()).as(response.toString()).isIn(endpoint.sqlCodes());
		}
		else {
			assertThat(response.status()).as(response.toString()).isEqualTo(endpoint.sqlStatus());
			assertThat(response.header("X-Request-Id")).isNotBlank();
		}
		assertNothingStored();
	}

	@Test
	void registerWhenBodyValidThenStoresTheUser() {
		// The control for the counts above: a good body does store, so a count of zero means something.
		Api.Response response = this.api.postRaw("/auth/register", Endpoint.REGISTER.validJson());

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(count("users")).isOne();
	}

	@Test
	void registerWhenFieldsHoldNonAsciiTextThenStoresIt() {
		// The strict UTF-8 and string checks must let every real script and emoji through.
		Api.Response response = this.api.post("/auth/register", Api.body("email", "zoe@example.com", "password",
				"pässwörd mit ümlaut 日本語 😀", "name", "Zoë Ødegård 日本語 😀"));

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(this.jdbc.queryForObject("SELECT name FROM users", String.class)).isEqualTo("Zoë Ødegård 日本語 😀");
	}

	@Test
	void recordWhenResourceTypeMissingThenInvalidRequest() {
		Api.Response response = this.api.postRaw("/usage/record",
				bytes("{\"userId\":\"" + UUID.randomUUID() + "\",\"amount\":1}"), service("intelligence"));

		assertProblem(response, 400, "invalid_request");
		assertNothingStored();
	}

	@Test
	void recordWhenAmountIsAnObjectThenInvalidRequest() {
		Api.Response response = this.api.postRaw("/usage/record", bytes("{\"userId\":\"" + UUID.randomUUID()
				+ "\",\"resourceType\":\"llm_tokens\",\"amount\":{\"a\":1}}"), service("intelligence"));

		assertProblem(response, 400, "invalid_request");
		assertNothingStored();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "userId", "resourceType", "amount" })
	void recordWhenAKeyIsDuplicatedThenInvalidRequest(String key) {
		String body = "{\"userId\":\"" + UUID.randomUUID() + "\",\"resourceType\":\"llm_tokens\",\"amount\":1,"
				+ "\"" + key + "\":" + ("amount".equals(key) ? "2" : "\"x\"") + "}";

		Api.Response response = this.api.postRaw("/usage/record", bytes(body), service("intelligence"));

		assertProblem(response, 400, "invalid_request");
		assertNothingStored();
	}

	@Test
	void postWhenAKeyIsDuplicatedThenInvalidRequest() {
		// The first value would pass and the second fail, or the reverse: which one counts must not be a guess.
		Api.Response response = this.api.postRaw("/auth/register", bytes(
				"{\"email\":\"a@example.com\",\"password\":\"" + TestUsers.PASSWORD + "\",\"email\":\"b@example.com\"}"));

		assertProblem(response, 400, "invalid_request");
		assertNothingStored();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("notUtf8Queries")
	void requestWhenQueryValueIsNotUtf8ThenInvalidRequest(String method, String pathAndQuery, String caller) {
		Api.Response response = this.api.send(method, pathAndQuery, new byte[0], service(caller));

		assertProblem(response, 400, "invalid_request");
		assertNothingStored();
	}

	@Test
	void reconcileWhenFormBodyIsNotUtf8ThenInvalidRequest() {
		Api.Response response = this.api.postRaw("/internal/stripe-events/reconcile", bytes("since=%ff"),
				"Content-Type", "application/x-www-form-urlencoded", service("ops")[0], service("ops")[1]);

		assertProblem(response, 400, "invalid_request");
		assertNothingStored();
	}

	@Test
	void postWhenBodyIsBrokenMultipartThenUnsupportedMediaType() {
		// The API reads no multipart: the body is refused by its type, not fed to a parser that throws.
		Api.Response response = this.api.postRaw("/auth/login", bytes("--x\r\nbroken"), "Content-Type",
				"multipart/form-data; boundary=x");

		assertProblem(response, 415, "unsupported_media_type");
		assertNothingStored();
	}

	@Test
	void deleteWhenFormBodyIsNotUtf8ThenTheBodyIsIgnored() {
		// No form parsing for PUT, PATCH and DELETE either: the body is not read, the call answers as without it.
		Api.Response response = this.api.send("DELETE", "/internal/outbox/dead-letters/987654321",
				bytes("a=%ff"), "Content-Type", "application/x-www-form-urlencoded", service("ops")[0], service("ops")[1]);

		assertProblem(response, 404, "not_found");
		assertNothingStored();
	}

	@Test
	void webhookWhenHeadersFillMoreThanTheGatewaysLimitThenAnsweredNotCutOff() {
		// What the gateway accepts (8 KB of headers) plus what it adds must still be read here.
		Api.Response response = this.api.postRaw("/billing/webhooks", bytes("{}"), "Stripe-Signature",
				"t=1,v1=" + "a".repeat(12_000));

		assertProblem(response, 400, "invalid_signature");
		assertNothingStored();
	}

	static Stream<Arguments> notUtf8Queries() {
		return Stream.of(Arguments.of("GET", "/usage/quota?userId=%ff", "intelligence"),
				Arguments.of("GET", "/usage/quota?resourceType=llm_tokens&userId=%c0%af", "intelligence"),
				Arguments.of("GET", "/internal/outbox/dead-letters?limit=%ff", "ops"),
				Arguments.of("GET", "/internal/stripe-events?status=%ff", "ops"),
				Arguments.of("GET", "/internal/stripe-events?status=failed&%ff=1", "ops"),
				Arguments.of("POST", "/internal/stripe-events/reconcile?since=%ff", "ops"),
				Arguments.of("GET", "/usage/quota?userId=%e2%82", "intelligence"));
	}

	private static String[] service(String name) {
		return TestServiceTokens.header(name);
	}

	static Stream<Endpoint> endpoints() {
		return Arrays.stream(Endpoint.values());
	}

	static Stream<Arguments> badRequests() {
		List<Arguments> cases = new ArrayList<>();
		for (Endpoint endpoint : Endpoint.values()) {
			byte[] valid = endpoint.validJson();
			String validText = new String(valid, StandardCharsets.UTF_8);
			cases.add(Arguments.of(endpoint, "truncated JSON", Arrays.copyOf(valid, valid.length - 1)));
			cases.add(Arguments.of(endpoint, "single quotes", bytes(validText.replace('"', '\''))));
			cases.add(Arguments.of(endpoint, "missing colon", bytes(validText.replaceFirst("\":", "\" "))));
			cases.add(Arguments.of(endpoint, "trailing garbage", bytes(validText + " trailing")));
			cases.add(Arguments.of(endpoint, "two documents", bytes(validText + validText)));
			cases.add(Arguments.of(endpoint, "comment", bytes("/* hi */" + validText)));
			cases.add(Arguments.of(endpoint, "empty body", new byte[0]));
			cases.add(Arguments.of(endpoint, "whitespace body", bytes("  \n ")));
			cases.add(Arguments.of(endpoint, "null", bytes("null")));
			cases.add(Arguments.of(endpoint, "empty array", bytes("[]")));
			cases.add(Arguments.of(endpoint, "array of the valid body", bytes("[" + validText + "]")));
			cases.add(Arguments.of(endpoint, "string", bytes("\"" + endpoint.fields().get(0) + "\"")));
			cases.add(Arguments.of(endpoint, "number", bytes("42")));
			cases.add(Arguments.of(endpoint, "boolean", bytes("true")));
			cases.add(Arguments.of(endpoint, "empty object", bytes("{}")));
			cases.add(Arguments.of(endpoint, "deeply nested", bytes("{\"" + endpoint.fields().get(0) + "\":"
					+ "[".repeat(5000) + "]".repeat(5000) + "}")));
			for (String field : endpoint.fields()) {
				cases.add(Arguments.of(endpoint, field + " number", endpoint.jsonWith(field, 123)));
				cases.add(Arguments.of(endpoint, field + " decimal", endpoint.jsonWith(field, 12.5)));
				cases.add(Arguments.of(endpoint, field + " boolean", endpoint.jsonWith(field, true)));
				cases.add(Arguments.of(endpoint, field + " object", endpoint.jsonWith(field, Map.of("a", 1))));
				cases.add(Arguments.of(endpoint, field + " array", endpoint.jsonWith(field, List.of("x"))));
				cases.add(Arguments.of(endpoint, field + " empty array", endpoint.jsonWith(field, List.of())));
				cases.add(Arguments.of(endpoint, field + " 20000 chars", endpoint.jsonWith(field, "a".repeat(20_000))));
				cases.add(Arguments.of(endpoint, field + " NUL character", endpoint.jsonWith(field, "a\u0000b")));
				cases.add(Arguments.of(endpoint, field + " lone surrogate", bytes(
						new String(endpoint.jsonWith(field, "MARK"), StandardCharsets.UTF_8).replace("MARK", "a\\ud800b"))));
				cases.add(Arguments.of(endpoint, field + " invalid UTF-8 byte FF", endpoint.withRawBytes(field, 0xFF)));
				cases.add(Arguments.of(endpoint, field + " invalid UTF-8 sequence C3 28",
						endpoint.withRawBytes(field, 0xC3, 0x28)));
				cases.add(Arguments.of(endpoint, field + " overlong UTF-8 C0 AF", endpoint.withRawBytes(field, 0xC0, 0xAF)));
				cases.add(Arguments.of(endpoint, field + " UTF-8 encoded surrogate ED A0 80",
						endpoint.withRawBytes(field, 0xED, 0xA0, 0x80)));
				cases.add(Arguments.of(endpoint, field + " truncated UTF-8 E2 82", endpoint.withRawBytes(field, 0xE2, 0x82)));
				if (endpoint.required().contains(field)) {
					cases.add(Arguments.of(endpoint, field + " missing", endpoint.jsonWithout(field)));
					cases.add(Arguments.of(endpoint, field + " null", endpoint.jsonWith(field, null)));
					cases.add(Arguments.of(endpoint, field + " empty", endpoint.jsonWith(field, "")));
				}
			}
		}
		return cases.stream();
	}

	static Stream<Arguments> oversizedBodies() {
		return endpoints().flatMap((endpoint) -> Stream.of(
				Arguments.of(endpoint, "100 KB", endpoint.jsonWith(endpoint.fields().get(0), "x".repeat(100 * KIB))),
				Arguments.of(endpoint, "just over 64 KiB", padded(endpoint, 64 * KIB + 1)),
				Arguments.of(endpoint, "10 MB", endpoint.jsonWith(endpoint.fields().get(0), "x".repeat(10 * KIB * KIB)))));
	}

	static Stream<Arguments> unsupportedMediaTypes() {
		return endpoints().flatMap((endpoint) -> Stream.of(
				Arguments.of(endpoint, "text/plain", "text/plain", endpoint.validJson()),
				Arguments.of(endpoint, "no Content-Type", null, endpoint.validJson()),
				Arguments.of(endpoint, "form", "application/x-www-form-urlencoded", bytes(endpoint.fields().get(0) + "=x")),
				Arguments.of(endpoint, "XML", "application/xml", bytes("<a>x</a>")),
				Arguments.of(endpoint, "garbage media type", "not a media type", endpoint.validJson())));
	}

	static Stream<Arguments> sqlIsh() {
		return endpoints().flatMap((endpoint) -> Stream.of(Arguments.of(endpoint, "' OR 1=1 --"),
				Arguments.of(endpoint, "'; DROP TABLE users; --"), Arguments.of(endpoint, "\" OR \"\"=\"")));
	}

	private void assertProblem(Api.Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		for (String member : List.of("type", "title", "detail", "code")) {
			assertThat(problem.path(member).isString()).as(member + " in " + response).isTrue();
			assertThat(problem.path(member).asString()).as(member + " in " + response).isNotBlank();
		}
		assertThat(problem.path("status").asInt()).as(response.toString()).isEqualTo(status);
		assertThat(problem.path("type").asString()).isEqualTo("urn:saasgate:problem:" + problem.path("code").asString());
		if (code != null) {
			assertThat(response.code()).as(response.toString()).isEqualTo(code);
		}
		String body = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(INTERNALS).as(response.toString()).noneSatisfy((internal) -> assertThat(body).contains(internal));
		assertThat(response.header("X-Request-Id")).isNotBlank();
	}

	private void assertNothingStored() {
		assertThat(count("users")).as("users").isZero();
		assertThat(count("refresh_tokens")).as("refresh_tokens").isZero();
		assertThat(count("email_tokens")).as("email_tokens").isZero();
		assertThat(count("outbox")).as("outbox").isZero();
		assertThat(count("usage_events")).as("usage_events").isZero();
		assertThat(count("stripe_events")).as("stripe_events").isZero();
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
	}

	private static byte[] padded(Endpoint endpoint, int size) {
		int overhead = endpoint.jsonWith(endpoint.fields().get(0), "").length;
		byte[] body = endpoint.jsonWith(endpoint.fields().get(0), "x".repeat(size - overhead));
		assertThat(body).hasSize(size);
		return body;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The auth calls with a body; for each its fields, valid values and its answer to SQL in every field. */
	enum Endpoint {

		REGISTER("/auth/register", Set.of("email", "password"), 400, Set.of("invalid_request"), "email",
				"new-user@example.com", "password", TestUsers.PASSWORD, "name", "Ada"),

		VERIFY_EMAIL("/auth/verify-email", Set.of("token"), 400, Set.of("invalid_token"), "token",
				"x".repeat(43)),

		RESEND_VERIFICATION("/auth/resend-verification", Set.of("email"), 202, Set.of(), "email",
				"someone@example.com"),

		LOGIN("/auth/login", Set.of("email", "password"), 401, Set.of("invalid_credentials"), "email",
				"someone@example.com", "password", TestUsers.PASSWORD),

		REFRESH("/auth/refresh", Set.of("refreshToken"), 401, Set.of("invalid_token"), "refreshToken",
				"x".repeat(100)),

		LOGOUT("/auth/logout", Set.of("refreshToken"), 204, Set.of(), "refreshToken", "x".repeat(100)),

		FORGOT_PASSWORD("/auth/password/forgot", Set.of("email"), 202, Set.of(), "email", "someone@example.com"),

		RESET_PASSWORD("/auth/password/reset", Set.of("token", "newPassword"), 400,
				Set.of("invalid_token", "invalid_request"), "token", "x".repeat(43), "newPassword",
				"another horse battery staple");

		private final String path;

		private final Set<String> required;

		private final int sqlStatus;

		private final Set<String> sqlCodes;

		private final Map<String, Object> valid = new LinkedHashMap<>();

		Endpoint(String path, Set<String> required, int sqlStatus, Set<String> sqlCodes, String... fieldsAndValues) {
			this.path = path;
			this.required = required;
			this.sqlStatus = sqlStatus;
			this.sqlCodes = sqlCodes;
			for (int i = 0; i < fieldsAndValues.length; i += 2) {
				this.valid.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
			}
		}

		String path() {
			return this.path;
		}

		Set<String> required() {
			return this.required;
		}

		int sqlStatus() {
			return this.sqlStatus;
		}

		Set<String> sqlCodes() {
			return this.sqlCodes;
		}

		List<String> fields() {
			return List.copyOf(this.valid.keySet());
		}

		byte[] validJson() {
			return json.writeValueAsBytes(this.valid);
		}

		byte[] jsonWith(String field, Object value) {
			Map<String, Object> body = new LinkedHashMap<>(this.valid);
			body.put(field, value);
			return json.writeValueAsBytes(body);
		}

		byte[] jsonWithout(String field) {
			Map<String, Object> body = new LinkedHashMap<>(this.valid);
			body.remove(field);
			return json.writeValueAsBytes(body);
		}

		/** The valid body with the field's string value holding the given raw bytes between two letters. */
		byte[] withRawBytes(String field, int... raw) {
			String[] around = new String(jsonWith(field, "a\u0001b"), StandardCharsets.UTF_8).split("a\\\\u0001b");
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.writeBytes(bytes(around[0] + "a"));
			for (int b : raw) {
				body.write(b);
			}
			body.writeBytes(bytes("b" + around[1]));
			return body.toByteArray();
		}

		@Override
		public String toString() {
			return "POST " + this.path;
		}

	}

}
