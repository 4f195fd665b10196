package com.saasgate.e2e;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.saasgate.security.servicetoken.ServiceTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger holds users to their plan at the gateway: once an internal service records the last of
 * a user's monthly {@code llm_tokens}, the metered upstream is refused {@code 429 quota_exceeded}
 * with an upgrade link, and nothing more reaches it.
 */
@ExtendWith(E2eSuite.class)
class MeteredUpstreamIT {

	private final Api api;

	MeteredUpstreamIT(Api api) {
		this.api = api;
	}

	@Test
	void meteredUpstreamWhenTheQuotaIsSpentThenQuotaExceededAndNothingForwarded() {
		TokenPair tokens = this.api.verifiedUser(Account.fresh());
		String userId = this.api.me(tokens).text("userId");
		String path = "/chat/" + UUID.randomUUID();
		assertThat(call(tokens, path).status()).isEqualTo(200);
		long quota = this.api.send("GET", this.api.suite().authBillingUrl() + "/usage/quota?userId=" + userId
				+ "&resourceType=llm_tokens", null, "X-Service-Token", serviceToken()).json().path("limit").asLong();

		Response recorded = this.api.send("POST", this.api.suite().authBillingUrl() + "/usage/record",
				Api.JSON.writeValueAsString(Map.of("userId", userId, "resourceType", "llm_tokens", "amount", quota)),
				"X-Service-Token",
				serviceToken(), "Idempotency-Key", UUID.randomUUID().toString());
		assertThat(recorded.status()).as("%s", recorded).isEqualTo(201);
		assertThat(recorded.json().path("remaining").asLong()).isZero();

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call(tokens, path).status() == 429);
		Response refused = call(tokens, path);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.text("code")).isEqualTo("quota_exceeded");
		assertThat(refused.text("upgradeUrl")).isNotBlank();
		int forwarded = E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path))).size();
		call(tokens, path);
		assertThat(E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path)))).hasSize(forwarded);
	}

	private Response call(TokenPair tokens, String path) {
		return this.api.get("/api/" + E2eSuite.METERED_UPSTREAM + path, "Authorization", tokens.bearer());
	}

	private String serviceToken() {
		String secret = this.api.suite().environment().get("SERVICE_JWT_SECRET");
		return new ServiceTokens(secret, Clock.systemUTC()).issue("intelligence", "auth-billing", null,
				Duration.ofMinutes(1));
	}

}
