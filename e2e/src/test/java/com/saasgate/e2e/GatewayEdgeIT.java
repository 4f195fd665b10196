package com.saasgate.e2e;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.devsupport.DevSuite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.saasgate.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * What the gateway promises at the edge (contract sections 1 and 7): header hygiene, internal paths
 * hidden, request ids, problem documents for every error, health and metrics where they belong.
 */
@ExtendWith(E2eSuite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayEdgeIT {

	private final Api api;

	private Account account;

	private TokenPair tokens;

	GatewayEdgeIT(Api api) {
		this.api = api;
	}

	@BeforeAll
	void verifiedUser() {
		this.account = Account.fresh();
		this.api.verifiedUser(this.account);
		this.tokens = this.api.session(this.account);
	}

	@Test
	void meWhenClientSpoofsUserHeadersThenAnswersForTheTokensUser() {
		Account other = Account.fresh();
		String otherId = this.api.register(other).text("userId");
		assertThat(otherId).isNotBlank();

		Response me = this.api.me(this.tokens, "X-User-Id", otherId, "X-User-Email", other.email(), "X-User-Tier", "pro",
				"X-Service-Token", "forged");

		assertThat(me.status()).as("%s", me).isEqualTo(200);
		assertThat(me.text("email")).isEqualTo(this.account.email());
		assertThat(me.text("userId")).isNotEqualTo(otherId);
		assertThat(me.text("tier")).isEqualTo("free_trial");
	}

	@ParameterizedTest(name = "{0} {1}, signed in: {2}")
	@CsvSource({ "POST, /api/usage/record, true", "POST, /api/usage/record, false", "POST, /api/trials/check, true",
			"POST, /api/trials/check, false", "GET, /api/trials/stats, true", "GET, /api/internal/x, true",
			"GET, /api/internal/x, false" })
	void internalPathWhenRequestedThroughGatewayThenNotFoundProblem(String method, String path, boolean signedIn) {
		String body = method.equals("POST") ? "{\"userId\":\"" + UUID.randomUUID() + "\",\"resourceType\":\"llm_tokens\",\"amount\":1}" : null;
		String[] headers = signedIn ? new String[] { "Authorization", this.tokens.bearer() } : new String[0];

		Response response = this.api.send(method, this.api.suite().gatewayUrl() + path, body, headers);

		assertProblem(response, 404, null);
	}

	/**
	 * An outsider with a valid session tries every spelling of auth-billing's internal endpoints it can
	 * think of. The gateway's own service token is allowed at {@code /usage/*} and {@code /internal/*},
	 * so one that slipped through would be answered 2xx or 4xx by auth-billing, not the gateway's 404;
	 * and the user's ledger must still be empty afterwards.
	 */
	@Test
	void internalPathWhenSpelledAnyWayByAnOutsiderThenNotFoundAndNothingRecorded() {
		String userId = this.api.me(this.tokens).text("userId");
		String record = "{\"userId\":\"" + userId + "\",\"resourceType\":\"llm_tokens\",\"amount\":1}";
		List<String[]> endpoints = List.of(new String[] { "POST", "/api/usage/record", record },
				new String[] { "POST", "/api/usage/record/batch", "{\"events\":[]}" },
				new String[] { "POST", "/api/usage/reserve", record },
				new String[] { "GET", "/api/usage/quota", null }, new String[] { "POST", "/api/trials/check", "{}" },
				new String[] { "GET", "/api/trials/stats", null },
				new String[] { "GET", "/api/internal/users/" + userId + "/tier", null },
				new String[] { "GET", "/api/internal/outbox/dead-letters", null });
		DirectClient outsider = this.api.direct();
		Map<String, Integer> answers = new java.util.TreeMap<>();
		int serverErrors = 0;
		for (String[] endpoint : endpoints) {
			for (PathVariant variant : PathVariant.of(endpoint[1])) {
				DirectClient.Answer answer = outsider.send(endpoint[0], variant.path(), endpoint[2], "Authorization",
						this.tokens.bearer());
				answers.merge(answer.status() + "", 1, Integer::sum);
				serverErrors += (answer.status() >= 500) ? 1 : 0;
				assertThat(answer.status()).as("%s %s", endpoint[0], variant.path()).isEqualTo(variant.expectedStatus());
				if (variant.expectedStatus() == 404) {
					assertThat(answer.code()).as("%s %s", endpoint[0], variant.path()).isEqualTo("not_found");
				}
			}
		}

		Response summary = this.api.get("/api/usage/summary", "Authorization", this.tokens.bearer());
		assertThat(summary.status()).as("%s", summary).isEqualTo(200);
		assertThat(java.util.stream.StreamSupport.stream(summary.json().path("resources").spliterator(), false)
			.filter((resource) -> resource.path("resourceType").asString().equals("llm_tokens"))
			.map((resource) -> resource.path("used").asLong())).containsExactly(0L);
		int tried = answers.values().stream().mapToInt(Integer::intValue).sum();
		Reliability.record(new Reliability.Row("internal-paths",
				"auth-billing's internal endpoints requested through the gateway by an outsider with a valid session",
				tried + " path variants of " + endpoints.size() + " internal endpoints (percent-encoded letters and "
						+ "slashes, double and triple encoding, //, /./, /../ and %2e%2e, trailing slash, case, "
						+ ";jsessionid=, backslashes, NUL, via an upstream's prefix)",
				0, 0, serverErrors, "answers by status " + answers + "; nothing recorded in the user's ledger"));
	}

	@Test
	void upstreamWhenItsPathNamesWhatAuthBillingHasThenForwardedWhole() {
		String id = UUID.randomUUID().toString();
		DirectClient outsider = this.api.direct();

		for (String rest : new String[] { "/v1/usage/records/" + id, "/internal/" + id, "/v1/files/a%2Fb-" + id,
				"/trials/check/" + id }) {
			DirectClient.Answer answer = outsider.send("GET", "/api/memory" + rest, null, "Authorization", this.tokens.bearer());
			assertThat(answer.status()).as(rest).isEqualTo(200);
			assertThat(E2eUpstream.server().findAll(anyRequestedFor(urlEqualTo(rest)))).as(rest).hasSize(1);
		}
	}

	@Test
	void upstreamWhenClientSendsItsCredentialsThenTheUpstreamReceivesNoneAndAuthBillingStillDoes() {
		String path = "/notes/" + UUID.randomUUID();
		String[] credentials = { "Authorization", this.tokens.bearer(), "Cookie", "session=s3cr3t; refresh=r3fr3sh",
				"Proxy-Authorization", "Basic dXNlcjpwYXNzd29yZA==" };

		assertThat(this.api.get("/api/memory" + path, credentials).status()).isEqualTo(200);
		assertThat(this.api.direct().send("POST", "/api/" + E2eSuite.METERED_UPSTREAM + path, "{}", credentials).status())
			.isEqualTo(200);

		List<LoggedRequest> received = E2eUpstream.server().findAll(anyRequestedFor(urlEqualTo(path)));
		assertThat(received).hasSize(2).allSatisfy((request) -> {
			assertThat(request.containsHeader("Authorization")).as("Authorization").isFalse();
			assertThat(request.containsHeader("Cookie")).as("Cookie").isFalse();
			assertThat(request.containsHeader("Proxy-Authorization")).as("Proxy-Authorization").isFalse();
			assertThat(request.getHeader("X-User-Id")).isEqualTo(this.api.me(this.tokens).text("userId"));
			assertThat(request.getHeader("X-Service-Token")).isNotBlank();
		});
		// auth-billing verifies the bearer token itself: answering /auth/me proves it still arrives there.
		assertThat(this.api.get("/api/auth/me", credentials).status()).isEqualTo(200);
	}

	@Test
	void requestIdWhenClientSendsOneThenEchoed() {
		String requestId = "e2e-" + UUID.randomUUID();

		assertThat(this.api.me(this.tokens, "X-Request-Id", requestId).header("X-Request-Id")).isEqualTo(requestId);
		assertThat(this.api.post("/api/auth/login", Map.of("email", "nobody@example.com", "password", "wrong-password-1"),
				"X-Request-Id", requestId).header("X-Request-Id")).isEqualTo(requestId);
		assertThat(this.api.get("/health", "X-Request-Id", requestId).header("X-Request-Id")).isEqualTo(requestId);
	}

	@Test
	void requestIdWhenClientSendsNoneThenOneIsMade() {
		assertThat(this.api.me(this.tokens).header("X-Request-Id")).isNotBlank();
		assertThat(this.api.get("/api/auth/me").header("X-Request-Id")).isNotBlank();
	}

	@TestFactory
	Stream<DynamicTest> errorWhenRequestIsBadThenProblemJsonWithCode() {
		Account taken = this.account;
		Account unverified = Account.fresh();
		return Stream.of(
				problem("register with a malformed email", 400, "invalid_request",
						() -> this.api.register(new Account("not-an-email", "Tall-Lantern-ok"))),
				problem("register with a 9-character password", 400, "invalid_request",
						() -> this.api.register(new Account(Account.fresh().email(), "Short-9ch"))),
				problem("register with a common password", 400, "invalid_request",
						() -> this.api.register(new Account(Account.fresh().email(), "1234567890"))),
				problem("register a taken email", 409, "email_taken", () -> this.api.register(taken)),
				problem("register with broken JSON", 400, "invalid_request",
						() -> this.api.post("/api/auth/register", "{\"email\": ")),
				problem("verify an unknown token", 400, "invalid_token",
						() -> this.api.post("/api/auth/verify-email", Map.of("token", "bm90LWEtdG9rZW4"))),
				problem("log in with a wrong password", 401, "invalid_credentials",
						() -> this.api.login(new Account(taken.email(), "Wrong-Password-42"))),
				problem("log in with an unknown email", 401, "invalid_credentials",
						() -> this.api.login(Account.fresh())),
				problem("log in before verifying", 403, "email_not_verified", () -> {
					this.api.register(unverified);
					return this.api.login(unverified);
				}),
				problem("refresh with an unknown token", 401, "invalid_token",
						() -> this.api.refresh("bm90LWEtcmVmcmVzaC10b2tlbg")),
				problem("me without a token", 401, null, () -> this.api.get("/api/auth/me")),
				problem("me with a forged token", 401, null,
						() -> this.api.get("/api/auth/me", "Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")),
				problem("a route nobody serves", 404, null,
						() -> this.api.get("/api/no-such-service/things", "Authorization", this.tokens.bearer())),
				problem("a path outside /api", 404, null, () -> this.api.get("/no/such/path")));
	}

	@Test
	void corsWhenOriginAllowedThenPreflightAnswered() {
		Response preflight = preflight("http://localhost:3000");

		assertThat(preflight.status()).as("%s", preflight).isBetween(200, 299);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
	}

	@Test
	void corsWhenOriginUnknownThenNotAllowed() {
		Response preflight = preflight("https://evil.example");

		assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void healthWhenAskedThenUpWithChecks() {
		Response health = this.api.get("/health");

		assertThat(health.status()).as("%s", health).isEqualTo(200);
		assertThat(health.text("status")).isIn("UP", "DEGRADED");
		assertThat(health.json().path("checks").isObject()).isTrue();
	}

	@Test
	void metricsWhenScrapedOnManagementPortsThenPrometheusText() {
		DevSuite suite = this.api.suite();
		for (String management : new String[] { suite.gatewayManagementUrl(), suite.authBillingManagementUrl() }) {
			Response metrics = this.api.send("GET", management + "/actuator/prometheus", null);
			assertThat(metrics.status()).as("%s/actuator/prometheus", management).isEqualTo(200);
			assertThat(metrics.body()).contains("# TYPE").contains("jvm_");
		}
	}

	@Test
	void metricsWhenAskedOnThePublicPortThenNotServed() {
		assertThat(this.api.get("/actuator/prometheus").status()).isIn(401, 403, 404);
	}

	private Response preflight(String origin) {
		return this.api.send("OPTIONS", this.api.suite().gatewayUrl() + "/api/auth/login", null, "Origin", origin,
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
	}

	private static DynamicTest problem(String name, int status, String code, Supplier<Response> request) {
		return dynamicTest(name + " -> " + status + " " + ((code != null) ? code : "(any code)"),
				() -> assertProblem(request.get(), status, code));
	}

}
