package com.saasgate.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.saasgate.devsupport.CapturedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.saasgate.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract's auth session (section 2) through the real gateway to the real auth-billing, with the
 * verification and reset links read from the mail catcher.
 */
@ExtendWith(E2eSuite.class)
class AuthSessionIT {

	private static final Duration GRACE = Duration.parse("PT" + E2eSuite.REFRESH_REUSE_GRACE);

	private final Api api;

	AuthSessionIT(Api api) {
		this.api = api;
	}

	@Test
	void sessionWhenRegisteredVerifiedAndLoggedInThenMeRefreshAndLogoutWork() {
		Account account = Account.fresh();

		Response registered = this.api.register(account);
		assertThat(registered.status()).as("%s", registered).isEqualTo(201);
		assertThat(registered.text("email")).isEqualTo(account.email());
		assertThat(registered.text("tier")).isEqualTo("free_trial");
		assertThat(registered.json().path("emailVerified").asBoolean(true)).isFalse();
		assertThat(registered.text("userId")).isNotBlank();

		CapturedMail mail = this.api.awaitMail(account.email());
		// The front end's address: the reference web app's when the suite serves it (E2eSuite), else the default.
		String frontend = this.api.suite().environment().getOrDefault("FRONTEND_URL", "http://localhost:3000");
		assertThat(mail.text()).contains(frontend + "/verify-email?token=");
		String token = this.api.awaitMailedToken(account.email(), "verify-email");

		Response verified = this.api.post("/api/auth/verify-email", Map.of("token", token));
		assertThat(verified.status()).as("%s", verified).isEqualTo(200);
		assertTokenPair(TokenPair.from(verified));
		assertProblem(this.api.post("/api/auth/verify-email", Map.of("token", token)), 400, "invalid_token");

		TokenPair login = this.api.session(account);
		assertTokenPair(login);

		Response me = this.api.me(login);
		assertThat(me.status()).as("%s", me).isEqualTo(200);
		assertThat(me.text("userId")).isEqualTo(registered.text("userId"));
		assertThat(me.text("email")).isEqualTo(account.email());
		assertThat(me.text("tier")).isEqualTo("free_trial");
		assertThat(me.text("effectiveTier")).isEqualTo("free_trial");
		assertThat(me.json().path("emailVerified").asBoolean()).isTrue();

		Response refreshed = this.api.refresh(login.refreshToken());
		assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
		TokenPair next = TokenPair.from(refreshed);
		assertTokenPair(next);
		assertThat(next.refreshToken()).isNotEqualTo(login.refreshToken());
		assertThat(this.api.me(next).status()).isEqualTo(200);

		Response logout = this.api.post("/api/auth/logout", Map.of("refreshToken", next.refreshToken()));
		assertThat(logout.status()).as("%s", logout).isEqualTo(204);
		assertThat(this.api.refresh(next.refreshToken()).status()).isEqualTo(401);
	}

	@Test
	void sessionWhenOldRefreshTokenReusedThenFamilyRevoked() {
		Account account = Account.fresh();
		this.api.verifiedUser(account);
		TokenPair first = this.api.session(account);
		Response rotated = this.api.refresh(first.refreshToken());
		assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
		Instant graceEnds = Instant.now().plus(GRACE).plusMillis(500);
		TokenPair second = TokenPair.from(rotated);

		await("the refresh reuse grace to pass").atMost(GRACE.plusSeconds(5)).until(() -> Instant.now().isAfter(graceEnds));

		assertProblem(this.api.refresh(first.refreshToken()), 401, "token_reused");
		assertProblem(this.api.refresh(second.refreshToken()), 401, null);
	}

	@Test
	void refreshWhenSpentTokenPresentedWithinGraceThenAnotherPairOfTheSameFamily() {
		Account account = Account.fresh();
		this.api.verifiedUser(account);
		TokenPair first = this.api.session(account);
		assertThat(this.api.refresh(first.refreshToken()).status()).isEqualTo(200);
		Instant graceEnds = Instant.now().plus(GRACE).plusMillis(500);

		Response secondTab = this.api.refresh(first.refreshToken());
		assertThat(secondTab.status()).as("%s", secondTab).isEqualTo(200);
		TokenPair sibling = TokenPair.from(secondTab);
		assertThat(this.api.me(sibling).status()).isEqualTo(200);

		await("the refresh reuse grace to pass").atMost(GRACE.plusSeconds(5)).until(() -> Instant.now().isAfter(graceEnds));
		assertProblem(this.api.refresh(first.refreshToken()), 401, "token_reused");
		assertProblem(this.api.refresh(sibling.refreshToken()), 401, null);
	}

	@Test
	void logoutWhenTokenUnknownThenNoContent() {
		Response logout = this.api.post("/api/auth/logout", Map.of("refreshToken", "not-a-token-we-ever-issued"));

		assertThat(logout.status()).as("%s", logout).isEqualTo(204);
	}

	@Test
	void loginWhenEmailNotVerifiedThenForbiddenProblem() {
		Account account = Account.fresh();
		assertThat(this.api.register(account).status()).isEqualTo(201);

		assertProblem(this.api.login(account), 403, "email_not_verified");
	}

	@Test
	void passwordResetWhenMailedTokenUsedThenNewPasswordWorksAndSessionsEnd() {
		Account account = Account.fresh();
		this.api.verifiedUser(account);
		TokenPair before = this.api.session(account);

		Response forgot = this.api.post("/api/auth/password/forgot", Map.of("email", account.email()));
		assertThat(forgot.status()).as("%s", forgot).isEqualTo(202);
		String token = this.api.awaitMailedToken(account.email(), "reset-password");
		Account renewed = new Account(account.email(), account.password() + "-renewed");
		Response reset = this.api.post("/api/auth/password/reset", Map.of("token", token, "newPassword", renewed.password()));
		assertThat(reset.status()).as("%s", reset).isEqualTo(204);

		assertProblem(this.api.login(account), 401, "invalid_credentials");
		assertThat(this.api.session(renewed).accessToken()).isNotBlank();
		assertThat(this.api.refresh(before.refreshToken()).status()).isEqualTo(401);
	}

	@Test
	void forgotPasswordWhenEmailUnknownThenAcceptedAnyway() {
		Response forgot = this.api.post("/api/auth/password/forgot", Map.of("email", Account.fresh().email()));

		assertThat(forgot.status()).as("%s", forgot).isEqualTo(202);
	}

	private static void assertTokenPair(TokenPair pair) {
		assertThat(pair.accessToken()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
		assertThat(pair.refreshToken()).isNotBlank();
		assertThat(pair.tokenType()).isEqualTo("Bearer");
		assertThat(pair.expiresIn()).isEqualTo(900);
	}

}
