package com.saasgate.authbilling.auth;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.TestUsers.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SessionTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Api api;


	@Test
	void refreshWhenTokenValidThenRotatesAndOldTokenIsSpent() {
		Session session = TestUsers.verifiedUser(this.api);

		Api.Response refreshed = refresh(session.refreshToken());

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.json().get("refreshToken").asString()).isNotEqualTo(session.refreshToken());
		assertThat(refreshed.json().get("expiresIn").asLong()).isEqualTo(900);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE spent_at IS NOT NULL",
				Integer.class)).isEqualTo(1);
		assertThat(this.api.get("/auth/me", Api.bearer(refreshed.json().get("accessToken").asString())).status())
			.isEqualTo(200);
	}

	@Test
	void refreshWhenTokenReusedAfterGraceThenRevokesFamily() {
		Session session = TestUsers.verifiedUser(this.api);
		String newer = refresh(session.refreshToken()).json().get("refreshToken").asString();
		pastGrace();

		Api.Response reused = refresh(session.refreshToken());

		assertThat(reused.status()).isEqualTo(401);
		assertThat(reused.code()).isEqualTo("token_reused");
		Api.Response newerAfterReuse = refresh(newer);
		assertThat(newerAfterReuse.status()).isEqualTo(401);
		assertThat(this.jdbc.queryForObject("SELECT revoked_reason FROM refresh_token_families", String.class))
			.isEqualTo("reuse");
	}

	@Test
	void refreshWhenTokenReusedWithinGraceThenSecondTabGetsPairOfSameFamily() {
		Session session = TestUsers.verifiedUser(this.api);
		Api.Response firstTab = refresh(session.refreshToken());

		Api.Response secondTab = refresh(session.refreshToken());

		assertThat(firstTab.status()).isEqualTo(200);
		assertThat(secondTab.status()).isEqualTo(200);
		assertThat(refresh(firstTab.json().get("refreshToken").asString()).status()).isEqualTo(200);
		assertThat(refresh(secondTab.json().get("refreshToken").asString()).status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("SELECT count(DISTINCT family_id) FROM refresh_tokens", Integer.class))
			.isEqualTo(1);
	}

	@Test
	void refreshWhenRotatedThenFamilyKeepsFirstLoginsAbsoluteExpiry() {
		Session session = TestUsers.verifiedUser(this.api);
		long firstExpiry = LoginTests.claims(session.refreshToken()).get("exp").asLong();

		String rotated = refresh(session.refreshToken()).json().get("refreshToken").asString();

		assertThat(LoginTests.claims(rotated).get("exp").asLong()).isEqualTo(firstExpiry);
	}

	@Test
	void refreshWhenFamilyPastAbsoluteLifetimeThenInvalidToken() {
		Session session = TestUsers.verifiedUser(this.api);
		this.jdbc.update("UPDATE refresh_token_families SET created_at = now() - interval '31 days', "
				+ "expires_at = now() - interval '1 day'");

		Api.Response response = refresh(session.refreshToken());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("invalid_token");
	}

	@Test
	void refreshWhenGivenAccessTokenOrGarbageThenInvalidToken() {
		Session session = TestUsers.verifiedUser(this.api);

		assertThat(refresh(session.accessToken()).code()).isEqualTo("invalid_token");
		assertThat(refresh("not.a.token").code()).isEqualTo("invalid_token");
		String tampered = session.refreshToken().substring(0, session.refreshToken().length() - 2) + "xx";
		assertThat(refresh(tampered).code()).isEqualTo("invalid_token");
	}

	@Test
	void logoutWhenTokenValidThenFamilyRevokedAndUnknownTokensAlsoAnswerNoContent() {
		Session session = TestUsers.verifiedUser(this.api);
		String rotated = refresh(session.refreshToken()).json().get("refreshToken").asString();

		assertThat(this.api.post("/auth/logout", Api.body("refreshToken", session.refreshToken())).status())
			.isEqualTo(204);

		assertThat(refresh(rotated).code()).isEqualTo("invalid_token");
		assertThat(this.api.post("/auth/logout", Api.body("refreshToken", "unknown")).status()).isEqualTo(204);
	}

	@Test
	void logoutAllWhenBearerValidThenEverySessionOfUserRevoked() {
		Session first = TestUsers.verifiedUser(this.api);
		String second = this.api.post("/auth/login", Api.body("email", first.email(), "password", TestUsers.PASSWORD))
			.json()
			.get("refreshToken")
			.asString();
		Session other = TestUsers.verifiedUser(this.api);

		Api.Response response = this.api.post("/auth/logout-all", Api.body(), Api.bearer(first.accessToken()));

		assertThat(response.status()).isEqualTo(204);
		assertThat(refresh(first.refreshToken()).status()).isEqualTo(401);
		assertThat(refresh(second).status()).isEqualTo(401);
		assertThat(refresh(other.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void logoutAllWhenNoBearerThenUnauthorized() {
		Api.Response response = this.api.post("/auth/logout-all", Api.body());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
	}

	private void pastGrace() {
		this.jdbc.update("UPDATE refresh_tokens SET spent_at = spent_at - interval '1 minute' WHERE spent_at IS NOT NULL");
	}

	private Api.Response refresh(String refreshToken) {
		return this.api.post("/auth/refresh", Api.body("refreshToken", refreshToken));
	}

}
