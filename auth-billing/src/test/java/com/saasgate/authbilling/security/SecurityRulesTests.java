package com.saasgate.authbilling.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestServiceTokens;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.TestUsers.Session;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link AccessRules} over HTTP, one kind of caller at a time, on the real endpoints where
 * they exist (usage, billing, auth); {@link Probes} stands in for the service endpoints that do not
 * exist yet and answers who it was called by.
 */
@IntegrationTest
@Import(SecurityRulesTests.Probes.class)
class SecurityRulesTests {

	@Autowired
	Api api;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationContext context;

	@LocalManagementPort
	int managementPort;

	@Test
	void anonymousWhenPublicPathThenReachesTheController() {
		assertThat(this.api.get("/health").status()).isEqualTo(200);
		assertThat(this.api.post("/auth/login", Api.body("email", "nobody@example.com", "password", "wrong password 1"))
			.code()).isEqualTo("invalid_credentials");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/auth/me", "/billing/subscription", "/usage/summary", "/billing/checkout" })
	void anonymousWhenUserPathThenAuthenticationRequired(String path) {
		Api.Response response = this.api.get(path);

		assertProblem(response, 401, "authentication_required");
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Test
	void userWhenUsageSummaryThenAnswersForThatUserOnly() {
		Session session = TestUsers.verifiedUser(this.api);

		assertProblem(this.api.get("/usage/summary"), 401, "authentication_required");
		assertProblem(this.api.get("/usage/summary", TestServiceTokens.header("gateway")), 401,
				"authentication_required");
		Api.Response response = this.api.get("/usage/summary", Api.bearer(session.accessToken()));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("tier").asString()).isEqualTo("free_trial");
	}

	@Test
	void userWhenGatewayServiceTokenAlsoSentThenAuthenticatedAsTheUser() {
		Session session = TestUsers.verifiedUser(this.api);

		Api.Response response = this.api.get("/auth/me", "Authorization", "Bearer " + session.accessToken(),
				"X-Service-Token", TestServiceTokens.of("gateway"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("email").asString()).isEqualTo(session.email());
	}

	@Test
	void serviceTokenAloneWhenUserPathThenAuthenticationRequired() {
		// The gateway's token comes with every forwarded request: it must never stand in for a user.
		assertProblem(this.api.get("/auth/me", TestServiceTokens.header("gateway")), 401, "authentication_required");
		assertProblem(this.api.get("/billing/subscription", TestServiceTokens.header("gateway")), 401,
				"authentication_required");
	}

	@Test
	void serviceTokenWhenSentAsBearerThenInvalidToken() {
		Api.Response response = this.api.get("/auth/me", Api.bearer(TestServiceTokens.of("gateway")));

		assertProblem(response, 401, "invalid_token");
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
	}

	@Test
	void serviceWhenAllowedThenReachesTheEndpointAsThatService() {
		// The real usage endpoints answer their own 4xx once past the guard (no such user, no such hold).
		assertProblem(this.api.get("/usage/quota", TestServiceTokens.header("intelligence")), 400, "invalid_request");
		assertProblem(this.api.get("/usage/quota", TestServiceTokens.header("memory")), 400, "invalid_request");
		assertProblem(this.api.post("/usage/reservations/42/commit", Map.of("amount", 1),
				TestServiceTokens.header("gateway")), 404, "not_found");
		// A probe under /trials/**: the real /trials/* endpoints answer their own bodies (trial/TrialEndpointTests).
		assertCalledBy(this.api.get("/trials/probe", TestServiceTokens.header("ops")), "ops");
		assertCalledBy(this.api.get("/internal/outbox/dead", TestServiceTokens.header("ops")), "ops");
		assertCalledBy(this.api.get("/internal/ping", TestServiceTokens.header("gateway")), "gateway");
	}

	@Test
	void serviceWhenAllowedButEndpointMissingThenNotFoundAfterTheRule() {
		assertProblem(this.api.post("/usage/reservations/42/other", Map.of(), TestServiceTokens.header("intelligence")),
				404, "not_found");
		assertProblem(this.api.post("/usage/reservations/42/other", Map.of()), 401, "service_auth_required");
	}

	@Test
	void outboxOperatorEndpointWhenCalledThenOnlyOpsGetsIn() {
		Api.Response ops = this.api.get("/internal/outbox/dead-letters", TestServiceTokens.header("ops"));

		assertThat(ops.status()).as(ops.toString()).isEqualTo(200);
		assertThat(ops.json().has("deadLetters")).isTrue();
		assertProblem(this.api.get("/internal/outbox/dead-letters", TestServiceTokens.header("gateway")), 403,
				"service_forbidden");
		assertProblem(this.api.post("/internal/outbox/dead-letters/retry", Map.of()), 401, "service_auth_required");
	}

	@Test
	void serviceWhenNotAllowedThenServiceForbidden() {
		assertProblem(this.api.get("/trials/stats", TestServiceTokens.header("intelligence")), 403, "service_forbidden");
		assertProblem(this.api.get("/internal/outbox/dead", TestServiceTokens.header("gateway")), 403,
				"service_forbidden");
		assertProblem(this.api.get("/internal/ping", TestServiceTokens.header("ops")), 403, "service_forbidden");
		assertProblem(this.api.get("/usage/quota", TestServiceTokens.header("ops")), 403, "service_forbidden");
	}

	@Test
	void serviceWhenTokenMissingOrInvalidThenServiceAuthRequired() {
		String otherAudience = TestServiceTokens.TOKENS.issue("intelligence", "memory", null, Duration.ofMinutes(1));
		String otherKey = new com.saasgate.security.servicetoken.ServiceTokens(
				"another-service-secret-0123456789abcdefghijklmnop", Clock.systemUTC())
			.issue("intelligence", "auth-billing", null, Duration.ofMinutes(1));

		assertProblem(this.api.get("/usage/quota"), 401, "service_auth_required");
		for (String token : new String[] { "garbage", otherAudience, otherKey }) {
			assertProblem(this.api.get("/usage/quota", "X-Service-Token", token), 401, "service_auth_required");
		}
	}

	@Test
	void userTokenWhenSentAsServiceTokenThenServiceAuthRequired() {
		Session session = TestUsers.verifiedUser(this.api);

		assertProblem(this.api.get("/usage/quota", "X-Service-Token", session.accessToken()), 401,
				"service_auth_required");
		// Nor does a Bearer token make a user a service.
		assertProblem(this.api.get("/usage/quota", Api.bearer(session.accessToken())), 401, "service_auth_required");
		assertProblem(this.api.get("/usage/quota", "Authorization", "Bearer " + session.accessToken(),
				"X-Service-Token", session.accessToken()), 401, "service_auth_required");
	}

	@Test
	void gatewayWhenClaimedWithTheSharedKeyThenServiceAuthRequired() {
		String claimed = TestServiceTokens.SHARED_KEY_ONLY.issue("gateway", "auth-billing", null,
				Duration.ofMinutes(1));

		assertProblem(this.api.get("/internal/ping", "X-Service-Token", claimed), 401, "service_auth_required");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admin", "/usage/other", "/internalx", "/auth/me/extra", "/billing", "/trialsx" })
	void anyCallerWhenPathHasNoRuleThenNotFound(String path) {
		Session session = TestUsers.verifiedUser(this.api);

		assertProblem(this.api.get(path), 404, "not_found");
		assertProblem(this.api.get(path, Api.bearer(session.accessToken())), 404, "not_found");
		assertProblem(this.api.get(path, TestServiceTokens.header("gateway")), 404, "not_found");
	}

	@Test
	void serviceCallsWhenCountedThenLabelledOnlyWithConfiguredNames() {
		double allowed = count("intelligence", "allowed");
		double forbidden = count("intelligence", "forbidden");
		double unknownForbidden = count("unknown", "forbidden");
		double invalid = count("unknown", "invalid");
		double missing = count("unknown", "missing");

		this.api.get("/usage/quota", TestServiceTokens.header("intelligence"));
		this.api.get("/trials/stats", TestServiceTokens.header("intelligence"));
		this.api.get("/usage/quota", TestServiceTokens.header("made-up-" + System.nanoTime()));
		this.api.get("/usage/quota", "X-Service-Token", "garbage");
		this.api.get("/usage/quota");

		assertThat(count("intelligence", "allowed")).isEqualTo(allowed + 1);
		assertThat(count("intelligence", "forbidden")).isEqualTo(forbidden + 1);
		assertThat(count("unknown", "forbidden")).isEqualTo(unknownForbidden + 1);
		assertThat(count("unknown", "invalid")).isEqualTo(invalid + 1);
		assertThat(count("unknown", "missing")).isEqualTo(missing + 1);
		assertThat(new String(Api.local(this.managementPort).get("/actuator/prometheus").body()))
			.contains("service_auth_attempts_total{result=\"allowed\",service=\"intelligence\"}");
		assertThat(this.meters.find("service_auth_attempts").counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTag("service")).isIn("intelligence", "memory",
					"gateway", "ops", "unknown"));
	}

	@Test
	void chainWhenAnyCallThenStatelessWithoutGeneratedUsers() {
		Session session = TestUsers.verifiedUser(this.api);

		assertThat(this.api.get("/auth/me", Api.bearer(session.accessToken())).header("Set-Cookie")).isNull();
		assertThat(this.api.get("/auth/me").header("Set-Cookie")).isNull();
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
		assertThat(this.api.get("/login").status()).isEqualTo(404);
	}

	private double count(String service, String result) {
		Counter counter = this.meters.find("service_auth_attempts").tags("service", service, "result", result).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static void assertCalledBy(Api.Response response, String service) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("principal").asString()).isEqualTo(service);
	}

	private static void assertProblem(Api.Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.code()).as(response.toString()).isEqualTo(code);
		assertThat(response.json().path("type").asString()).isEqualTo("urn:saasgate:problem:" + code);
		assertThat(response.header("X-Request-Id")).isNotBlank();
	}

	/** Stand-ins for endpoints that do not exist yet; none declares who may call it. */
	@RestController
	static class Probes {

		@GetMapping({ "/trials/probe", "/internal/outbox/dead", "/internal/ping" })
		Map<String, String> get() {
			return caller();
		}

		private static Map<String, String> caller() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			Object principal = authentication.getPrincipal();
			return Map.of("principal", (principal instanceof String name) ? name : principal.toString());
		}

	}

}
