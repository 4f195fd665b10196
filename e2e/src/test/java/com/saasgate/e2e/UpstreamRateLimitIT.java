package com.saasgate.e2e;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.devsupport.Parallel;
import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.jwt.PublicKeySet;
import com.saasgate.security.servicetoken.ServiceKeys;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tier rate limit attacked through the real gateway (limits loaded from the real auth-billing's
 * plans: a new user is on {@code free_trial}, 60 requests per minute) in front of a WireMock
 * {@code memory} service: many parallel requests, each with forged identity and forwarding headers.
 */
@ExtendWith(E2eSuite.class)
class UpstreamRateLimitIT {

	/** auth-billing's default {@code requestsPerMinute} of {@code free_trial}. */
	private static final int TRIAL_PER_MINUTE = 60;

	private final Api api;

	UpstreamRateLimitIT(Api api) {
		this.api = api;
	}

	@Test
	void upstreamWhenParallelBurstWithSpoofedHeadersThenOnlyTheTrialLimitPassesAsTheRealUser() throws Exception {
		TokenPair tokens = this.api.verifiedUser(Account.fresh());
		String userId = this.api.me(tokens).text("userId");
		String path = "/notes/" + UUID.randomUUID();
		String impostor = UUID.randomUUID().toString();

		long started = System.nanoTime();
		List<Response> answers = Parallel.run(150, () -> this.api.get("/api/memory" + path, "Authorization",
				tokens.bearer(), "X-Forwarded-For", Api.randomClientAddress(), "X-User-Id", impostor, "X-User-Tier",
				"pro", "X-Service-Token", "forged", "X-Client-Address", "203.0.113.1"));
		double seconds = (System.nanoTime() - started) / 1e9;

		// The bucket refills one token a second: what came back during the burst may pass too.
		long admitted = answers.stream().filter((r) -> r.status() == 200).count();
		assertThat(admitted).as("the /api/auth/me call took one token").isBetween(TRIAL_PER_MINUTE - 1L, TRIAL_PER_MINUTE + (long) Math.ceil(seconds) + 1);
		assertThat(answers).filteredOn((r) -> r.status() != 200).isNotEmpty().allSatisfy((refused) -> {
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.text("code")).isEqualTo("rate_limited");
			assertThat(refused.text("tier")).isEqualTo("free_trial");
			assertThat(refused.header("Retry-After")).isNotBlank();
			assertThat(refused.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(TRIAL_PER_MINUTE));
		});
		List<LoggedRequest> received = E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path)));
		assertThat(received).hasSize((int) admitted).allSatisfy((request) -> {
			assertThat(request.getHeaders().getHeader("X-User-Id").values()).containsExactly(userId);
			assertThat(request.getHeaders().getHeader("X-User-Tier").values()).containsExactly("free_trial");
			assertThat(request.getHeaders().getHeader("X-Client-Address").values()).hasSize(1)
				.doesNotContain("203.0.113.1");
			assertThat(verifier().verify(request.getHeader("X-Service-Token"), "memory").service())
				.isEqualTo("gateway");
		});
	}

	@Test
	void upstreamWhenOneUserIsOverTheLimitThenAnotherUserStillPasses() throws Exception {
		TokenPair attacker = this.api.verifiedUser(Account.fresh());
		TokenPair bystander = this.api.verifiedUser(Account.fresh());

		Parallel.run(TRIAL_PER_MINUTE + 20,
				() -> this.api.get("/api/memory/x", "Authorization", attacker.bearer()).status());

		assertThat(this.api.get("/api/memory/x", "Authorization", attacker.bearer()).status()).isEqualTo(429);
		Response other = this.api.get("/api/memory/x", "Authorization", bystander.bearer());
		assertThat(other.status()).isEqualTo(200);
		assertThat(other.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(TRIAL_PER_MINUTE));
	}

	@Test
	void upstreamWhenNoTokenThen401AndNothingForwarded() {
		String path = "/notes/" + UUID.randomUUID();

		Response response = this.api.get("/api/memory" + path, "X-User-Id", UUID.randomUUID().toString());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.text("code")).isEqualTo("authentication_required");
		assertThat(E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path)))).isEmpty();
	}

	/** As auth-billing verifies the gateway's tokens: with the gateway's public key alone. */
	private ServiceTokens verifier() {
		Map<String, String> environment = this.api.suite().environment();
		return new ServiceTokens(new ServiceKeys(HmacKeys.of(environment.get("SERVICE_JWT_SECRET")), Map.of(),
				Map.of("gateway", PublicKeySet.parse(environment.get("SERVICE_PUBLIC_KEY_GATEWAY")).publicKeys())),
				Clock.systemUTC());
	}

}
