package com.saasgate.authbilling.tier;

import java.util.UUID;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestServiceTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /internal/users/{id}/tier} over HTTP: the gateway reads, operators write. */
@IntegrationTest
class TierEndpointTests {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void getTierWhenGatewayThenAnswersTierEffectiveTierAndVersion() {
		UUID user = TierTestUsers.registered(this.api);

		Api.Response response = this.api.get(path(user), TestServiceTokens.header("gateway"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("userId").asString()).isEqualTo(user.toString());
		assertThat(response.json().get("tier").asString()).isEqualTo("free_trial");
		assertThat(response.json().get("effectiveTier").asString()).isEqualTo("free_trial");
		assertThat(response.json().get("version").asLong()).isZero();
		assertThat(java.time.Instant.parse(response.json().get("trialEndsAt").asString())).isAfter(java.time.Instant.now());
	}

	@Test
	void getTierWhenTrialEndedThenEffectiveTierIsFreeRestricted() {
		UUID user = TierTestUsers.registered(this.api);
		this.jdbc.update("UPDATE users SET trial_ends_at = now() - interval '1 minute' WHERE id = ?", user);

		Api.Response response = this.api.get(path(user), TestServiceTokens.header("gateway"));

		assertThat(response.json().get("tier").asString()).isEqualTo("free_trial");
		assertThat(response.json().get("effectiveTier").asString()).isEqualTo("free_restricted");
	}

	@Test
	void getTierWhenUserUnknownThen404NotFound() {
		Api.Response response = this.api.get(path(UUID.randomUUID()), TestServiceTokens.header("gateway"));

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("not_found");
	}

	@Test
	void getTierWhenNoServiceTokenThen401AndWhenOtherServiceThen403() {
		UUID user = TierTestUsers.registered(this.api);

		assertThat(this.api.get(path(user)).code()).isEqualTo("service_auth_required");
		Api.Response ops = this.api.get(path(user), TestServiceTokens.header("ops"));
		assertThat(ops.status()).isEqualTo(403);
		assertThat(ops.code()).isEqualTo("service_forbidden");
		// A service with only the shared key cannot pass for the gateway.
		Api.Response claimed = this.api.get(path(user), "X-Service-Token",
				TestServiceTokens.SHARED_KEY_ONLY.issue("gateway", "auth-billing", null, java.time.Duration.ofMinutes(1)));
		assertThat(claimed.code()).isEqualTo("service_auth_required");
	}

	@Test
	void postTierWhenOpsThenChangedWithSourceOperatorAndVersionBumped() {
		UUID user = TierTestUsers.registered(this.api);

		Api.Response response = this.api.post(path(user), Api.body("tier", "pro", "reason", "goodwill"),
				TestServiceTokens.header("ops"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("tier").asString()).isEqualTo("pro");
		assertThat(response.json().get("version").asLong()).isEqualTo(1);
		assertThat(this.jdbc.queryForMap("SELECT source, reason FROM tier_changes WHERE user_id = ?", user))
			.containsEntry("source", "operator")
			.containsEntry("reason", "goodwill");
	}

	@Test
	void postTierWhenGatewayThen403AndNothingChanged() {
		UUID user = TierTestUsers.registered(this.api);

		Api.Response response = this.api.post(path(user), Api.body("tier", "pro"), TestServiceTokens.header("gateway"));

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.code()).isEqualTo("service_forbidden");
		assertThat(this.jdbc.queryForObject("SELECT tier_version FROM users WHERE id = ?", Long.class, user)).isZero();
	}

	@Test
	void postTierWhenUnknownTierOrUserThenProblem() {
		UUID user = TierTestUsers.registered(this.api);

		Api.Response badTier = this.api.post(path(user), Api.body("tier", "gold"), TestServiceTokens.header("ops"));
		Api.Response unknownUser = this.api.post(path(UUID.randomUUID()), Api.body("tier", "pro"),
				TestServiceTokens.header("ops"));

		assertThat(badTier.status()).isEqualTo(400);
		assertThat(badTier.code()).isEqualTo("invalid_request");
		assertThat(unknownUser.status()).isEqualTo(404);
		assertThat(unknownUser.code()).isEqualTo("not_found");
	}

	private static String path(UUID user) {
		return "/internal/users/" + user + "/tier";
	}

}
