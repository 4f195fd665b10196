package com.saasgate.authbilling.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.TestUsers.Session;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.HmacJwt;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.jwt.TokenKind;
import io.jsonwebtoken.Jwts;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class MeTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Api api;


	@Test
	void meWhenTokenValidThenAnswersAccount() {
		Session session = TestUsers.verifiedUser(this.api);

		Api.Response response = this.api.get("/auth/me", Api.bearer(session.accessToken()));

		assertThat(response.status()).isEqualTo(200);
		JsonNode me = response.json();
		assertThat(me.get("email").asString()).isEqualTo(session.email());
		assertThat(me.get("name").asString()).isEqualTo("Ada");
		assertThat(me.get("role").asString()).isEqualTo("user");
		assertThat(me.get("tier").asString()).isEqualTo("free_trial");
		assertThat(me.get("effectiveTier").asString()).isEqualTo("free_trial");
		assertThat(me.get("emailVerified").asBoolean()).isTrue();
		assertThat(me.get("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
		assertThat(me.get("trialEndsAt").asString()).endsWith("Z");
	}

	@Test
	void meWhenTrialEndedBeforeExpiryJobRanThenEffectiveTierIsRestricted() {
		Session session = TestUsers.verifiedUser(this.api);
		this.jdbc.update("UPDATE users SET trial_ends_at = now() - interval '1 minute'");

		JsonNode me = this.api.get("/auth/me", Api.bearer(session.accessToken())).json();

		assertThat(me.get("tier").asString()).isEqualTo("free_trial");
		assertThat(me.get("effectiveTier").asString()).isEqualTo("free_restricted");
	}

	@Test
	void meWhenNoTokenThenAuthenticationRequired() {
		Api.Response response = this.api.get("/auth/me");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("authentication_required");
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Test
	void meWhenTokenOfAnotherKindOrForgedThenInvalidToken() {
		Session session = TestUsers.verifiedUser(this.api);
		String serviceToken = new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET, Clock.systemUTC()).issue("gateway",
				"auth-billing", null, Duration.ofMinutes(1));
		String otherKey = new AccessTokens(SigningKeys.generate(), "saasgate", "saasgate-api", Duration.ofMinutes(15),
				Duration.ZERO, Clock.systemUTC())
			.issue(UUID.randomUUID(), "x@example.com", "admin")
			.token();
		// What an access token was before: HS256 over a shared secret. No secret verifies one now.
		String hmac = new HmacJwt("an-old-shared-jwt-secret-0123456789abcdefghij", TokenKind.ACCESS, Duration.ZERO,
				Clock.systemUTC()).sign(Jwts.builder()
			.header().type("at+jwt").and()
			.subject(UUID.randomUUID().toString()).claim("email", "x@example.com").claim("role", "admin")
			.issuer("saasgate").audience().add("saasgate-api").and()
			.issuedAt(new java.util.Date()).expiration(new java.util.Date(System.currentTimeMillis() + 60_000))
			.id(UUID.randomUUID().toString()));

		for (String token : new String[] { session.refreshToken(), serviceToken, otherKey, hmac, "garbage" }) {
			Api.Response response = this.api.get("/auth/me", Api.bearer(token));
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.code()).isEqualTo("invalid_token");
		}
		assertThat(this.api.get("/auth/me", "Authorization", "Basic dXNlcjpwYXNz").code()).isEqualTo("invalid_token");
	}

	@Test
	void meWhenSpoofedUserHeaderThenAnswersForTokensUser() {
		Session session = TestUsers.verifiedUser(this.api);

		Api.Response response = this.api.get("/auth/me", "Authorization", "Bearer " + session.accessToken(),
				"X-User-Id", UUID.randomUUID().toString());

		assertThat(response.json().get("email").asString()).isEqualTo(session.email());
	}

}
