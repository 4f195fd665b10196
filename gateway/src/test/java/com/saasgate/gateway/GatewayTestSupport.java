package com.saasgate.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.saasgate.devsupport.TestInfrastructure;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real gateway on a random port in front of {@link AuthBillingStub}. Secrets and the CORS list are
 * passed under their environment variable names, as a deployment would set them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "GATEWAY_SIGNING_KEY=" + TestSecrets.GATEWAY_SIGNING_KEY,
				"GATEWAY_SIGNING_KEY_PREVIOUS=" + TestSecrets.GATEWAY_SIGNING_KEY_PREVIOUS,
				// Every token naming a kid not held fetches the JWKS at once (AccessTokenKeysTests test the limit).
				"GATEWAY_JWKS_MIN_REFRESH=0s",
				"CORS_ALLOWED_ORIGINS=http://localhost:3000, https://app.example.com",
				"GATEWAY_MAX_REQUEST_SIZE=64KB", "management.server.port=0",
				"UPSTREAM_INTELLIGENCE_METERED_RESOURCE=" + UpstreamStub.INTELLIGENCE_RESOURCE,
				// Plans are loaded by the tests that need them: no background load lands in another test's journal.
				"GATEWAY_PLANS_REFRESH=1h", "GATEWAY_PLANS_RETRY=1h", "GATEWAY_RATE_LIMIT_REDIS_RETRY=1s",
				// 100 ms is the production default; on a loaded build machine Redis calls take longer, and
				// a timed-out call is decided by the instance's own bucket, which would blur exact counts.
				"GATEWAY_RATE_LIMIT_REDIS_TIMEOUT=2s",
				// Longer than any await: a quota answer that changes in a test was dropped by a message.
				"GATEWAY_QUOTA_CACHE_TTL=60s" })
// 5 s (the default) was once too short for a first call on a loaded 2-core CI machine; no test here measures time.
@AutoConfigureWebTestClient(timeout = "PT30S")
public abstract class GatewayTestSupport {

	@Autowired
	protected WebTestClient client;

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void authBilling(DynamicPropertyRegistry registry) {
		registry.add("AUTH_BILLING_URL", AuthBillingStub::baseUrl);
		registry.add("REDIS_URL", TestInfrastructure::redisUrl);
		registry.add("UPSTREAM_INTELLIGENCE_URL", () -> UpstreamStub.intelligence().baseUrl());
		registry.add("UPSTREAM_MEMORY_URL", () -> UpstreamStub.memory().baseUrl());
	}

	@BeforeEach
	void resetAuthBilling() {
		authBilling().resetAll();
		AuthBillingStub.stubTier(TIER_PATTERN, "pro", 0);
		AuthBillingStub.stubJwks();
		UpstreamStub.reset();
	}

	/** Every tier load, which the tier cache makes before a user request is forwarded. */
	protected static final String TIER_PATTERN = "/internal/users/[0-9a-f-]+/tier";

	protected static WireMockServer authBilling() {
		return AuthBillingStub.server();
	}

	/** The one request auth-billing received, the tier cache's loads and JWKS fetches left out. */
	protected static LoggedRequest onlyForwardedRequest() {
		var requests = forwardedRequests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	protected static void assertNothingForwarded() {
		assertThat(forwardedRequests()).isEmpty();
	}

	/** What auth-billing received, the tier cache's loads and the JWKS fetches left out. */
	protected static java.util.List<LoggedRequest> forwardedRequests() {
		return authBilling().findAll(anyRequestedFor(anyUrl()))
			.stream()
			.filter((request) -> !request.getUrl().matches(TIER_PATTERN))
			.filter((request) -> !request.getUrl().equals(AuthBillingStub.JWKS_PATH))
			.toList();
	}

	/** Asserts an RFC 9457 body with every member the contract requires. */
	protected static void assertProblem(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("X-Request-Id")
			.expectBody()
			.jsonPath("$.status").isEqualTo(status.value())
			.jsonPath("$.code").isEqualTo(code)
			.jsonPath("$.type").isNotEmpty()
			.jsonPath("$.title").isEqualTo(status.getReasonPhrase())
			.jsonPath("$.detail").isNotEmpty();
	}

}
