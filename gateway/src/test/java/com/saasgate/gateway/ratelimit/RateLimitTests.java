package com.saasgate.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.saasgate.devsupport.Parallel;
import com.saasgate.devsupport.RedisServer;
import com.saasgate.devsupport.TestInfrastructure;
import com.saasgate.gateway.AuthBillingStub;
import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.SecondGateway;
import com.saasgate.gateway.TestTokens;
import com.saasgate.gateway.UpstreamStub;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The tier rate limit through the real gateway, on the embedded Redis, with the limits loaded from a
 * WireMock auth-billing's {@code GET /billing/plans}. The limits are per minute, so a bucket refills one
 * token every 60/limit seconds (12 s at 5): a burst that takes a few seconds is admitted exactly
 * {@code limit} times.
 */
class RateLimitTests extends GatewayTestSupport {

	private static final String PLANS = """
			[{"tier":"free_trial","name":"Free trial","priceId":null,"monthlyPrice":0,"currency":"usd",
			  "limits":{"requestsPerMinute":7,"llm_tokens":100,"memory_storage":100}},
			 {"tier":"free_restricted","limits":{"requestsPerMinute":3}},
			 {"tier":"basic","limits":{"requestsPerMinute":5}},
			 {"tier":"pro","limits":{"requestsPerMinute":9}}]
			""";

	/** auth-billing's defaults, which the other test classes run with. */
	private static final String DEFAULT_PLANS = """
			[{"tier":"free_trial","limits":{"requestsPerMinute":60}},
			 {"tier":"free_restricted","limits":{"requestsPerMinute":10}},
			 {"tier":"basic","limits":{"requestsPerMinute":300}},
			 {"tier":"pro","limits":{"requestsPerMinute":1000}}]
			""";

	@Autowired
	PlansRefresher plans;

	@Autowired
	PlanLimits limits;

	@Autowired
	TierRateLimiter limiter;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void smallLimits() {
		loadPlans(PLANS, this.plans);
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));
	}

	@AfterEach
	void defaultLimits() {
		loadPlans(DEFAULT_PLANS, this.plans);
	}

	@Test
	void rateLimitWhenParallelBurstThenAdmitsOnlyTheTierLimit() throws Exception {
		UUID user = userOf("basic");

		List<Integer> statuses = Parallel.run(15, () -> status(this.client, "/api/memory/notes", user));

		assertThat(statuses).containsOnly(200, 429);
		assertThat(statuses).filteredOn((s) -> s == 200).hasSize(5);
		assertThat(UpstreamStub.memory().findAll(anyRequestedFor(anyUrl()))).hasSize(5);
	}

	@Test
	void rateLimitWhenTiersDifferThenEachGetsItsPlansLimit() throws Exception {
		for (Map.Entry<String, Integer> tier : Map.of("free_restricted", 3, "basic", 5, "free_trial", 7, "pro", 9)
			.entrySet()) {
			UUID user = userOf(tier.getKey());

			List<Integer> statuses = Parallel.run(tier.getValue() * 2, () -> status(this.client, "/api/memory/x", user));

			assertThat(statuses).as(tier.getKey()).filteredOn((s) -> s == 200).hasSize(tier.getValue());
		}
	}

	@Test
	void rateLimitWhenRefusedThen429ProblemWithRetryAfterLimitHeadersAndUpgradeBody() {
		UUID user = userOf("free_restricted");
		double before = this.meters.get("gateway_rate_limited").tag("tier", "free_restricted").counter().count();
		for (int i = 0; i < 3; i++) {
			call(this.client, "/api/memory/x", user).expectStatus().isOk();
		}

		WebTestClient.ResponseSpec refused = call(this.client, "/api/memory/x", user);

		assertProblem(refused, HttpStatus.TOO_MANY_REQUESTS, "rate_limited");
		EntityExchangeResult<byte[]> result = call(this.client, "/api/memory/x", user).expectBody()
			.jsonPath("$.tier").isEqualTo("free_restricted")
			.jsonPath("$.limit").isEqualTo(3)
			.jsonPath("$.remaining").isEqualTo(0)
			.jsonPath("$.resetAt").isNotEmpty()
			.jsonPath("$.upgradeUrl").isEqualTo("http://localhost:3000/billing")
			.returnResult();
		HttpHeaders headers = result.getResponseHeaders();
		assertThat(Long.parseLong(headers.getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 20L);
		assertThat(headers.getFirst("X-RateLimit-Limit")).isEqualTo("3");
		assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(UpstreamStub.memory().findAll(anyRequestedFor(anyUrl()))).hasSize(3);
		assertThat(this.meters.get("gateway_rate_limited").tag("tier", "free_restricted").counter().count())
			.isEqualTo(before + 2);
	}

	@Test
	void rateLimitWhenAllowedThenLimitAndRemainingOnTheResponse() {
		UUID user = userOf("basic");

		call(this.client, "/api/memory/x", user).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Limit", "5")
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "4");
		call(this.client, "/api/memory/x", user).expectHeader().valueEquals("X-RateLimit-Remaining", "3");
	}

	@Test
	void rateLimitWhenStartedThenOneCounterPerTierOnly() {
		assertThat(this.meters.find("gateway_rate_limited").counters()).extracting((c) -> c.getId().getTag("tier"))
			.containsExactlyInAnyOrder("free_trial", "free_restricted", "basic", "pro");
	}

	@Test
	void rateLimitWhenAuthBillingUserRoutesThenLimitedToo() {
		UUID user = userOf("free_restricted");

		for (String path : List.of("/api/usage/summary", "/api/billing/subscription", "/api/auth/me")) {
			call(this.client, path, user).expectStatus().isOk();
		}

		assertProblem(call(this.client, "/api/usage/summary", user), HttpStatus.TOO_MANY_REQUESTS, "rate_limited");
	}

	@Test
	void webhooksWhenFarMoreThanAnyLimitThenNeverRateLimited() throws Exception {
		UUID user = userOf("free_restricted");
		for (int i = 0; i < 3; i++) {
			call(this.client, "/api/memory/x", user).expectStatus().isOk();
		}

		List<Integer> statuses = Parallel.run(20, () -> this.client.post()
			.uri("/api/billing/webhooks")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(user))
			.contentType(MediaType.APPLICATION_JSON)
			.header("Stripe-Signature", "t=1,v1=00")
			.bodyValue("{\"id\":\"evt_1\"}")
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value());

		assertThat(statuses).containsOnly(200);
	}

	@Test
	void plansWhenLoadFailsThenTheLimitsInForceStay() {
		authBilling().stubFor(get(urlPathEqualTo("/billing/plans")).atPriority(0).willReturn(aResponse().withStatus(503)));

		assertThat(this.plans.refresh()).isFalse();

		assertThat(this.limits.requestsPerMinute("basic")).isEqualTo(5);
		assertThat(this.limits.requestsPerMinute("enterprise")).as("unknown tiers get the tightest").isEqualTo(3);
	}

	@Test
	void rateLimitWhenTwoGatewayInstancesThenOneSharedBucket() throws Exception {
		PlansRefresher secondPlans = SecondGateway.context().getBean(PlansRefresher.class);
		loadPlans(PLANS, secondPlans);
		try {
			awaitShared(this.client, this.limiter);
			awaitShared(SecondGateway.client(), SecondGateway.context().getBean(TierRateLimiter.class));
			UUID user = userOf("basic");
			AtomicInteger turn = new AtomicInteger();

			List<Integer> statuses = Parallel.run(16, () -> status(
					(turn.getAndIncrement() % 2 == 0) ? this.client : SecondGateway.client(), "/api/memory/x", user));

			assertThat(statuses).filteredOn((s) -> s == 200).hasSize(5);
		}
		finally {
			loadPlans(DEFAULT_PLANS, secondPlans);
		}
	}

	@Test
	void rateLimitWhenRedisStopsThenEachInstanceStillLimitsAndSharesAgainWhenItIsBack() throws Exception {
		RedisServer redis = TestInfrastructure.embeddedRedis();
		assumeThat(redis).as("needs the embedded Redis, not TEST_REDIS_URL").isNotNull();
		PlansRefresher secondPlans = SecondGateway.context().getBean(PlansRefresher.class);
		TierRateLimiter secondLimiter = SecondGateway.context().getBean(TierRateLimiter.class);
		loadPlans(PLANS, secondPlans);
		UUID user = userOf("basic");
		try {
			redis.suspend();
			try {
				List<Integer> first = Parallel.run(15, () -> status(this.client, "/api/memory/x", user));
				List<Integer> second = Parallel.run(15, () -> status(SecondGateway.client(), "/api/memory/x", user));

				assertThat(first).as("instance 1 alone").filteredOn((s) -> s == 200).hasSize(5);
				assertThat(second).as("instance 2 alone").filteredOn((s) -> s == 200).hasSize(5);
				assertThat(this.limiter.shared()).isFalse();
			}
			finally {
				redis.resume();
			}

			awaitShared(this.client, this.limiter);
			awaitShared(SecondGateway.client(), secondLimiter);
			UUID afterwards = userOf("basic");
			AtomicInteger turn = new AtomicInteger();
			List<Integer> shared = Parallel.run(16, () -> status(
					(turn.getAndIncrement() % 2 == 0) ? this.client : SecondGateway.client(), "/api/memory/x", afterwards));
			assertThat(shared).as("one bucket again").filteredOn((s) -> s == 200).hasSize(5);
		}
		finally {
			loadPlans(DEFAULT_PLANS, secondPlans);
		}
	}

	/** Sends requests (of a throw-away pro user) until the limiter's breaker is closed on Redis again. */
	private static void awaitShared(WebTestClient client, TierRateLimiter limiter) {
		UUID probe = UUID.randomUUID();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			status(client, "/api/memory/probe", probe);
			return limiter.breakerState() == CircuitBreaker.State.CLOSED;
		});
	}

	private static void loadPlans(String json, PlansRefresher refresher) {
		authBilling().stubFor(get(urlPathEqualTo("/billing/plans")).atPriority(0).willReturn(okJson(json)));
		assertThat(refresher.refresh()).isTrue();
	}

	private static UUID userOf(String tier) {
		UUID user = UUID.randomUUID();
		AuthBillingStub.stubTier("/internal/users/" + user + "/tier", tier, 1);
		return user;
	}

	private static WebTestClient.ResponseSpec call(WebTestClient client, String path, UUID user) {
		return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(user)).exchange();
	}

	private static int status(WebTestClient client, String path, UUID user) {
		return call(client, path, user).expectBody().returnResult().getStatus().value();
	}

}
