package com.saasgate.e2e;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.saasgate.devsupport.DevSuite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
