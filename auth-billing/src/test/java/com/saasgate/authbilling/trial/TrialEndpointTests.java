package com.saasgate.authbilling.trial;

import java.time.Duration;
import java.time.Instant;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestServiceTokens;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.trial.TrialTestUsers.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TrialEndpointTests {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void clean() {
		TrialTestUsers.cleanTrialTables(this.jdbc);
	}

	@Test
	void checkWhenOpsTokenThenRunsExpiryAndRemindersAndAnswersCounts() {
		TrialTestUsers.trial(this.jdbc, "ended", Duration.ofHours(-1));
		TrialTestUsers.trial(this.jdbc, "ended", Duration.ofHours(-2));
		TrialTestUsers.trial(this.jdbc, "tomorrow", Duration.ofHours(12));

		Api.Response first = this.api.post("/trials/check", Api.body(), TestServiceTokens.header("ops"));
		Api.Response second = this.api.post("/trials/check", Api.body(), TestServiceTokens.header("ops"));

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().get("expired").asInt()).isEqualTo(2);
		assertThat(first.json().get("reminded").asInt()).isEqualTo(1);
		assertThat(second.json().get("expired").asInt()).isZero();
		assertThat(second.json().get("reminded").asInt()).isZero();
	}

	@Test
	void checkWhenAJobHoldsTheLockThenConflictAndNothingDone() {
		User ended = TrialTestUsers.trial(this.jdbc, "ended", Duration.ofHours(-1));
		TrialTestUsers.holdLock(this.jdbc, TrialService.EXPIRY_LOCK);

		Api.Response response = this.api.post("/trials/check", Api.body(), TestServiceTokens.header("ops"));

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.code()).isEqualTo("trial_check_running");
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("Retry-After")).isEqualTo("60");
		assertThat(this.jdbc.queryForObject("SELECT subscription_tier FROM users WHERE id = ?", String.class, ended.id()))
			.isEqualTo("free_trial");
	}

	@Test
	void checkWhenTheReminderLockIsHeldThenConflictAndNothingDone() {
		User ended = TrialTestUsers.trial(this.jdbc, "ended", Duration.ofHours(-1));
		TrialTestUsers.holdLock(this.jdbc, TrialService.REMINDER_LOCK);

		Api.Response response = this.api.post("/trials/check", Api.body(), TestServiceTokens.header("ops"));

		assertThat(response.status()).isEqualTo(409);
		assertThat(this.jdbc.queryForObject("SELECT subscription_tier FROM users WHERE id = ?", String.class, ended.id()))
			.isEqualTo("free_trial");
	}

	@Test
	void statsWhenOpsTokenThenCountsTrialsExpiriesConversionsAndLastRun() {
		assertThat(this.api.get("/trials/stats", TestServiceTokens.header("ops")).json().get("lastRun").isNull()).isTrue();
		TrialTestUsers.trial(this.jdbc, "active", Duration.ofDays(5));
		TrialTestUsers.trial(this.jdbc, "tomorrow", Duration.ofHours(10));
		TrialTestUsers.trial(this.jdbc, "ended", Duration.ofHours(-1));
		User converted = TrialTestUsers.trial(this.jdbc, "paid", Duration.ofDays(2));
		this.api.post("/internal/users/" + converted.id() + "/tier", Api.body("tier", "pro"),
				TestServiceTokens.header("ops"));
		this.api.post("/trials/check", Api.body(), TestServiceTokens.header("ops"));

		Api.Response response = this.api.get("/trials/stats", TestServiceTokens.header("ops"));

		assertThat(response.status()).isEqualTo(200);
		JsonNode stats = response.json();
		assertThat(stats.get("activeTrials").asLong()).isEqualTo(2);
		assertThat(stats.get("expiringWithin24h").asLong()).isEqualTo(1);
		assertThat(stats.get("expiredTotal").asLong()).isEqualTo(1);
		assertThat(stats.get("convertedTotal").asLong()).isEqualTo(1);
		JsonNode lastRun = stats.get("lastRun");
		assertThat(lastRun.get("expired").asInt()).isEqualTo(1);
		assertThat(lastRun.get("reminded").asInt()).isEqualTo(1);
		assertThat(Instant.parse(lastRun.get("at").asString())).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void trialsWhenNoServiceTokenThen401AndWhenOtherServiceThen403() {
		for (String path : new String[] { "/trials/check", "/trials/stats" }) {
			Api.Response anonymous = path.endsWith("check") ? this.api.post(path, Api.body()) : this.api.get(path);
			Api.Response gateway = path.endsWith("check")
					? this.api.post(path, Api.body(), TestServiceTokens.header("gateway"))
					: this.api.get(path, TestServiceTokens.header("gateway"));
			Api.Response user = this.api.get(path, Api.bearer(TestUsers.verifiedUser(this.api).accessToken()));

			assertThat(anonymous.status()).isEqualTo(401);
			assertThat(anonymous.code()).isEqualTo("service_auth_required");
			assertThat(gateway.status()).isEqualTo(403);
			assertThat(gateway.code()).isEqualTo("service_forbidden");
			assertThat(user.status()).isEqualTo(401);
		}
	}

}
