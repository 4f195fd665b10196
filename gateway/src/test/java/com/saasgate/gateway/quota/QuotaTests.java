package com.saasgate.gateway.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.gateway.TestTokens;
import com.saasgate.gateway.UpstreamStub;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quota check of the metered {@code intelligence} upstream ({@code llm_tokens}) against a WireMock
 * auth-billing's {@code GET /usage/quota} (the contract's shape; the real endpoint is being built
 * alongside), with the cache dropped by messages on the embedded Redis. The cache TTL is 60 s in
 * these tests, so an answer that changes within an await was dropped by a message.
 */
class QuotaTests extends GatewayTestSupport {

	private static final ServiceTokens VERIFIER = TestTokens.serviceTokenVerifier();

	private static final String PERIOD_END = "2027-01-01T00:00:00Z";

	@Autowired
	StringRedisTemplate redis;

	@Test
	void quotaWhenNotAllowedThen429QuotaExceededWithUpgradeUrlAndNothingForwarded() {
		UUID user = UUID.randomUUID();
		stubQuota(user, false, 0);

		WebTestClient.ResponseSpec refused = chat(user);

		assertProblem(refused, HttpStatus.TOO_MANY_REQUESTS, "quota_exceeded");
		chat(user).expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.code").isEqualTo("quota_exceeded")
			.jsonPath("$.tier").isEqualTo("pro")
			.jsonPath("$.resourceType").isEqualTo("llm_tokens")
			.jsonPath("$.limit").isEqualTo(1000)
			.jsonPath("$.remaining").isEqualTo(0)
			.jsonPath("$.resetAt").isEqualTo(PERIOD_END)
			.jsonPath("$.upgradeUrl").isEqualTo("http://localhost:3000/billing");
		assertThat(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void quotaWhenAllowedThenForwardedAndAskedOnceAsTheGatewayWithinTheCacheTime() {
		UUID user = UUID.randomUUID();
		stubQuota(user, true, 400);

		chat(user).expectStatus().isOk();
		chat(user).expectStatus().isOk();

		assertThat(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()))).hasSize(2);
		List<LoggedRequest> calls = quotaCalls(user);
		assertThat(calls).hasSize(1);
		assertThat(calls.get(0).queryParameter("resourceType").firstValue()).isEqualTo("llm_tokens");
		assertThat(VERIFIER.verify(calls.get(0).getHeader("X-Service-Token"), "auth-billing").service())
			.isEqualTo("gateway");
	}

	@Test
	void quotaWhenRouteNotMeteredThenNeverAsked() {
		UUID user = UUID.randomUUID();
		stubQuota(user, false, 0);

		this.client.get()
			.uri("/api/memory/notes")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(user))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(quotaCalls(user)).isEmpty();
	}

	@Test
	void quotaWhenUserTierChangedMessageThenCachedAnswerDropped() {
		UUID user = UUID.randomUUID();
		stubQuota(user, true, 10);
		chat(user).expectStatus().isOk();
		stubQuota(user, false, 0);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.redis.convertAndSend("user_tier_changed", "{\"userId\":\"" + user
					+ "\",\"newTier\":\"pro\",\"oldTier\":\"basic\",\"version\":1,\"changedAt\":\"2026-12-01T10:00:00Z\"}");
			chat(user).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		});
	}

	@Test
	void quotaWhenUserQuotaExhaustedMessageThenCachedAnswerDropped() {
		UUID user = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		stubQuota(user, true, 10);
		stubQuota(other, true, 10);
		chat(user).expectStatus().isOk();
		chat(other).expectStatus().isOk();
		stubQuota(user, false, 0);
		stubQuota(other, false, 0);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.redis.convertAndSend("user_quota_exhausted",
					"{\"userId\":\"" + user + "\",\"resourceType\":\"llm_tokens\",\"periodEnd\":\"" + PERIOD_END + "\"}");
			chat(user).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		});
		chat(other).expectStatus().isOk();
	}

	@Test
	void quotaWhenMessageUnreadableThenIgnored() {
		UUID user = UUID.randomUUID();
		stubQuota(user, true, 10);

		this.redis.convertAndSend("user_quota_exhausted", "{not json");
		this.redis.convertAndSend("user_quota_exhausted", "{\"userId\":\"not-a-uuid\"}");

		chat(user).expectStatus().isOk();
	}

	@Test
	void quotaWhenAuthBillingFailsThen503WithRetryAfterAndNothingForwarded() {
		UUID user = UUID.randomUUID();
		authBilling().stubFor(get(urlPathEqualTo("/usage/quota")).withQueryParam("userId", equalTo(user.toString()))
			.willReturn(aResponse().withStatus(500)));

		WebTestClient.ResponseSpec failed = chat(user);

		assertProblem(failed, HttpStatus.SERVICE_UNAVAILABLE, "upstream_unavailable");
		chat(user).expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
		assertThat(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void quotaWhenAuthBillingTooSlowThen503AndNothingForwarded() {
		UUID user = UUID.randomUUID();
		authBilling().stubFor(get(urlPathEqualTo("/usage/quota")).withQueryParam("userId", equalTo(user.toString()))
			.willReturn(okJson(quotaJson(true, 10)).withFixedDelay(3000)));

		assertProblem(chat(user), HttpStatus.SERVICE_UNAVAILABLE, "upstream_unavailable");

		assertThat(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void quotaWhenAnswerLacksAllowedThen503NotForwarded() {
		UUID user = UUID.randomUUID();
		authBilling().stubFor(get(urlPathEqualTo("/usage/quota")).withQueryParam("userId", equalTo(user.toString()))
			.willReturn(okJson("{\"used\":1}")));

		assertProblem(chat(user), HttpStatus.SERVICE_UNAVAILABLE, "upstream_unavailable");
		assertThat(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	private WebTestClient.ResponseSpec chat(UUID user) {
		return this.client.post()
			.uri("/api/intelligence/v1/chat")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(user))
			.bodyValue("{\"prompt\":\"hi\"}")
			.exchange();
	}

	private static void stubQuota(UUID user, boolean allowed, long remaining) {
		authBilling().stubFor(get(urlPathEqualTo("/usage/quota")).withQueryParam("userId", equalTo(user.toString()))
			.withQueryParam("resourceType", equalTo("llm_tokens"))
			.willReturn(okJson(quotaJson(allowed, remaining))));
	}

	private static String quotaJson(boolean allowed, long remaining) {
		return "{\"allowed\":" + allowed + ",\"used\":" + (1000 - remaining) + ",\"limit\":1000,\"remaining\":"
				+ remaining + ",\"periodEnd\":\"" + PERIOD_END + "\",\"reserved\":0}";
	}

	private static List<LoggedRequest> quotaCalls(UUID user) {
		return authBilling().findAll(getRequestedFor(urlPathEqualTo("/usage/quota")).withQueryParam("userId",
				equalTo(user.toString())));
	}

}
