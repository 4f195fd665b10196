package com.saasgate.gateway.tiercache;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.devsupport.RedisServer;
import com.saasgate.devsupport.TestInfrastructure;
import com.saasgate.gateway.AuthBillingStub;
import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.gateway.TestTokens;
import com.saasgate.security.contract.Channel;
import com.saasgate.security.contract.TierChangedMessage;
import com.saasgate.security.servicetoken.ServiceTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * X-User-Tier through the real gateway, with WireMock as auth-billing and the embedded Redis carrying
 * {@code user_tier_changed}. The stubbed tier never changes unless a test says so, so a new tier seen
 * before the TTL can only have come from a message.
 */
class UserTierTests extends GatewayTestSupport {

	/** Well under the 10 s TTL: what arrives within it was not a reload after expiry. */
	private static final Duration SOONER_THAN_TTL = Duration.ofSeconds(5);

	private static final ServiceTokens SERVICE_TOKENS = TestTokens.serviceTokenVerifier();

	@Autowired
	TierCache cache;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	@Test
	void meWhenUserVerifiedThenEffectiveTierForwardedWithGatewayTokenOnTheLoad() {
		UUID user = UUID.randomUUID();
		stubTier(user, "basic", 3);
		stubMe();

		me(user, null).expectStatus().isOk();

		assertThat(onlyForwardedRequest().getHeader("X-User-Tier")).isEqualTo("basic");
		LoggedRequest load = onlyLoad(user);
		assertThat(SERVICE_TOKENS.verify(load.getHeader("X-Service-Token"), "auth-billing").service())
			.isEqualTo("gateway");
	}

	@Test
	void meWhenClientSendsXUserTierThenOnlyTheCachedTierIsForwarded() {
		UUID user = UUID.randomUUID();
		stubTier(user, "free_restricted", 1);
		stubMe();

		me(user, "pro").expectStatus().isOk();

		assertThat(onlyForwardedRequest().getHeaders().getHeader("X-User-Tier").values())
			.containsExactly("free_restricted");
	}

	@Test
	void meWhenTierCachedThenSecondRequestDoesNotLoadAgain() {
		UUID user = UUID.randomUUID();
		stubTier(user, "pro", 2);
		stubMe();

		me(user, null).expectStatus().isOk();
		me(user, null).expectStatus().isOk();

		assertThat(loads(user)).hasSize(1);
		assertThat(forwardedRequests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getHeader("X-User-Tier")).isEqualTo("pro"));
	}

	@Test
	void getWhenManyConcurrentCallersThenOneSharedLoad() {
		UUID user = UUID.randomUUID();
		authBilling().stubFor(get(urlPathEqualTo(path(user))).atPriority(AuthBillingStub.TIER_PRIORITY)
			.willReturn(okJson(tierJson("basic", 1)).withFixedDelay(300)));

		List<CachedTier> tiers = Flux.range(0, 20).flatMap((i) -> this.cache.get(user)).collectList().block();

		assertThat(tiers).hasSize(20).allSatisfy((tier) -> assertThat(tier.effectiveTier()).isEqualTo("basic"));
		assertThat(loads(user)).hasSize(1);
	}

	@Test
	void messageWhenVersionHigherThenNextRequestGetsTheNewTierBeforeTheTtl() {
		UUID user = UUID.randomUUID();
		stubTier(user, "free_restricted", 1);
		stubMe();
		me(user, null).expectStatus().isOk();
		double invalidations = this.meters.get("tier_cache_invalidations").counter().count();

		await().atMost(SOONER_THAN_TTL).untilAsserted(() -> {
			publish(user, "pro", "free_restricted", 2);
			authBilling().resetRequests();
			me(user, null).expectStatus().isOk();
			assertThat(onlyForwardedRequest().getHeader("X-User-Tier")).isEqualTo("pro");
		});
		assertThat(loads(user)).isEmpty();
		assertThat(this.meters.get("tier_cache_invalidations").counter().count()).isEqualTo(invalidations + 1);
	}

	@Test
	void messageWhenVersionOlderThenIgnored() {
		UUID user = UUID.randomUUID();
		UUID marker = UUID.randomUUID();
		stubTier(user, "basic", 5);
		stubMe();
		me(user, null).expectStatus().isOk();

		publish(user, "pro", "basic", 4);
		// Messages arrive in order on the one subscription: once the marker's is applied, so was the old one.
		await().atMost(SOONER_THAN_TTL).untilAsserted(() -> {
			// Not the stub's default tier (pro), so only the message can have set it.
			publish(marker, "basic", "pro", 1);
			assertThat(this.cache.get(marker).block().effectiveTier()).isEqualTo("basic");
		});

		authBilling().resetRequests();
		me(user, null).expectStatus().isOk();
		assertThat(onlyForwardedRequest().getHeader("X-User-Tier")).isEqualTo("basic");
		assertThat(this.cache.apply(new TierChangedMessage(user, "pro", "basic", 5, null))).isFalse();
	}

	@Test
	void applyWhenLoadStartedBeforeTheChangeThenTheOlderLoadNeverWins() {
		UUID user = UUID.randomUUID();
		authBilling().stubFor(get(urlPathEqualTo(path(user))).atPriority(AuthBillingStub.TIER_PRIORITY)
			.willReturn(okJson(tierJson("basic", 1)).withFixedDelay(500)));
		var inFlight = this.cache.get(user).toFuture();

		// The change commits and is announced while the load is on its way back with version 1.
		authBilling().stubFor(get(urlPathEqualTo(path(user))).atPriority(0).willReturn(okJson(tierJson("free_trial", 2))));
		assertThat(this.cache.apply(new TierChangedMessage(user, "free_trial", "basic", 2, null))).isTrue();

		assertThat(inFlight.join().version()).isEqualTo(2);
		assertThat(this.cache.get(user).block()).extracting(CachedTier::tier, CachedTier::version)
			.containsExactly("free_trial", 2L);
	}

	@Test
	void subscriptionWhenRedisReconnectsThenCacheFlushed() {
		RedisServer server = TestInfrastructure.embeddedRedis();
		assumeThat(server).as("needs the embedded Redis, not TEST_REDIS_URL").isNotNull();
		UUID user = UUID.randomUUID();
		stubTier(user, "basic", 1);
		stubMe();
		// The first subscription flushes too; this test is about the next one.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.meters.get("tier_cache_flushes").counter().count() >= 1);
		me(user, null).expectStatus().isOk();
		double flushes = this.meters.get("tier_cache_flushes").counter().count();

		server.suspend();
		try {
			me(user, null).expectStatus().isOk();
		}
		finally {
			server.resume();
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.meters.get("tier_cache_flushes").counter().count() > flushes);
		assertThat(this.cache.get(user).block().version()).isEqualTo(1);
		assertThat(loads(user)).hasSize(2);
	}

	@Test
	void meWhenRedisDownThenStillServedWithTheLoadedTier() {
		RedisServer server = TestInfrastructure.embeddedRedis();
		assumeThat(server).as("needs the embedded Redis, not TEST_REDIS_URL").isNotNull();
		UUID user = UUID.randomUUID();
		stubTier(user, "pro", 1);
		stubMe();

		server.suspend();
		try {
			me(user, null).expectStatus().isOk();
			me(user, null).expectStatus().isOk();
		}
		finally {
			server.resume();
		}

		assertThat(forwardedRequests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getHeader("X-User-Tier")).isEqualTo("pro"));
	}

	@Test
	void meWhenTierCannotBeLoadedThen503AndNothingForwarded() {
		UUID user = UUID.randomUUID();
		authBilling().stubFor(get(urlPathEqualTo(path(user))).atPriority(0).willReturn(aResponse().withStatus(500)));
		stubMe();

		WebTestClient.ResponseSpec response = me(user, "pro");

		assertProblem(response, HttpStatus.SERVICE_UNAVAILABLE, "upstream_unavailable");
		response.expectHeader().exists("Retry-After");
		assertNothingForwarded();
	}

	@Test
	void meWhenAuthBillingDoesNotKnowTheUserThenInvalidToken() {
		UUID user = UUID.randomUUID();
		authBilling().stubFor(get(urlPathEqualTo(path(user))).atPriority(0)
			.willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
				.withBody("{\"code\":\"not_found\"}")));
		stubMe();

		assertProblem(me(user, null), HttpStatus.UNAUTHORIZED, "invalid_token");
		assertNothingForwarded();
	}

	private WebTestClient.ResponseSpec me(UUID user, String spoofedTier) {
		WebTestClient.RequestHeadersSpec<?> request = this.client.get()
			.uri("/api/auth/me")
			.header("Authorization", "Bearer " + TestTokens.valid(user));
		if (spoofedTier != null) {
			request = request.header("X-User-Tier", spoofedTier);
		}
		return request.exchange();
	}

	private void publish(UUID user, String newTier, String oldTier, long version) {
		this.redis.convertAndSend(Channel.USER_TIER_CHANGED.name(),
				"{\"userId\":\"" + user + "\",\"newTier\":\"" + newTier + "\",\"oldTier\":\"" + oldTier
						+ "\",\"version\":" + version + ",\"changedAt\":\"2026-12-01T10:00:00Z\"}");
	}

	private static void stubMe() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));
	}

	private static void stubTier(UUID user, String tier, long version) {
		AuthBillingStub.stubTier(path(user), tier, version);
	}

	private static List<LoggedRequest> loads(UUID user) {
		return authBilling().findAll(getRequestedFor(urlPathEqualTo(path(user))));
	}

	private static LoggedRequest onlyLoad(UUID user) {
		List<LoggedRequest> loads = loads(user);
		assertThat(loads).hasSize(1);
		return loads.get(0);
	}

	private static String path(UUID user) {
		return "/internal/users/" + user + "/tier";
	}

	private static String tierJson(String tier, long version) {
		return "{\"tier\":\"" + tier + "\",\"effectiveTier\":\"" + tier + "\",\"version\":" + version + "}";
	}

}
