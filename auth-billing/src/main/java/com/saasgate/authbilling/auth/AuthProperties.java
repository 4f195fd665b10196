package com.saasgate.authbilling.auth;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tokens, passwords, trials and login limits.
 *
 * @param jwt the keys and names of the tokens
 * @param serviceJwtSecret {@code SERVICE_JWT_SECRET}, the key of service tokens; required
 * @param serviceJwtSecretPrevious {@code SERVICE_JWT_SECRET_PREVIOUS}, the shared service key being
 * rotated out, still accepted while set; default none
 * @param accessTokenTtl lifetime of access tokens; default 15 minutes
 * @param refreshTokenTtl absolute lifetime of a login's refresh tokens (rotation never extends it);
 * default 30 days
 * @param refreshReuseGrace how long a spent refresh token still gets a new pair instead of revoking
 * its family, so two tabs refreshing at once stay logged in; default 10 seconds, 0 disables
 * @param trialLength {@code TRIAL_LENGTH} (or {@code AUTH_TRIAL_LENGTH}), length of the trial a
 * registration starts; default 7 days
 * @param verificationTokenTtl lifetime of email verification tokens; default 24 hours
 * @param resetTokenTtl lifetime of password reset tokens; default 1 hour
 * @param password the Argon2id cost
 * @param login the brute-force limits
 * @param registration the registration rate limit
 */
@ConfigurationProperties("auth")
@Validated
public record AuthProperties(@Valid @NotNull Jwt jwt,
		@NotBlank(message = "SERVICE_JWT_SECRET must be set") String serviceJwtSecret, String serviceJwtSecretPrevious,
		@DefaultValue("15m") @NotNull Duration accessTokenTtl, @DefaultValue("30d") @NotNull Duration refreshTokenTtl,
		@DefaultValue("10s") @NotNull Duration refreshReuseGrace, @DefaultValue("7d") @NotNull Duration trialLength,
		@DefaultValue("24h") @NotNull Duration verificationTokenTtl, @DefaultValue("1h") @NotNull Duration resetTokenTtl,
		@Valid @DefaultValue Password password, @Valid @DefaultValue Login login,
		@Valid @DefaultValue Registration registration) {

	@Override
	public String toString() {
		return "AuthProperties[accessTokenTtl=" + this.accessTokenTtl + ", refreshTokenTtl=" + this.refreshTokenTtl
				+ ", refreshReuseGrace=" + this.refreshReuseGrace + ", trialLength=" + this.trialLength + "]";
	}

	/**
	 * @param signingKey {@code JWT_SIGNING_KEY}, the private key (JWK or PEM, EC P-256) that signs access
	 * tokens; required. Only its public half leaves the service, through the JWKS.
	 * @param signingKeyPrevious {@code JWT_SIGNING_KEY_PREVIOUS}, the other published key of a rotation
	 * (the next one before the switch, the old one after): published and verifies, never signs; default none
	 * @param refreshSecret {@code JWT_REFRESH_SECRET}, the key of refresh tokens; required
	 * @param refreshSecretPrevious {@code JWT_REFRESH_SECRET_PREVIOUS}, the refresh-token key being rotated
	 * out, likewise; default none
	 * @param issuer {@code JWT_ISSUER}, the {@code iss} of access tokens; default {@code saasgate}
	 * @param audience {@code JWT_AUDIENCE}, their {@code aud}; default {@code saasgate-api}
	 */
	public record Jwt(@NotBlank(message = "JWT_SIGNING_KEY must be set") String signingKey, String signingKeyPrevious,
			@NotBlank(message = "JWT_REFRESH_SECRET must be set") String refreshSecret, String refreshSecretPrevious,
			@DefaultValue("saasgate") @NotBlank String issuer, @DefaultValue("saasgate-api") @NotBlank String audience) {

		@Override
		public String toString() {
			return "Jwt[issuer=" + this.issuer + ", audience=" + this.audience + "]";
		}

	}

	/**
	 * Argon2id cost, and the bulkhead every hash goes through; the cost defaults are OWASP's (19 MiB,
	 * 2 passes, 1 lane).
	 *
	 * @param memoryKib {@code PASSWORD_ARGON2_MEMORY_KIB}; default 19456
	 * @param iterations {@code PASSWORD_ARGON2_ITERATIONS}; default 2
	 * @param parallelism {@code PASSWORD_ARGON2_PARALLELISM}; default 1
	 * @param maxConcurrent {@code PASSWORD_HASH_CONCURRENCY}, hashes that run at once; default 0, which
	 * means the number of cores the JVM sees
	 * @param maxQueued {@code PASSWORD_HASH_QUEUE}, hashes that may wait for a slot; default 64
	 * @param maxWait {@code PASSWORD_HASH_MAX_WAIT}, the longest wait for a slot before {@code 503
	 * overloaded}; default 5 seconds
	 */
	public record Password(@DefaultValue("19456") @Min(8) @Max(4_194_304) int memoryKib,
			@DefaultValue("2") @Min(1) @Max(100) int iterations, @DefaultValue("1") @Min(1) @Max(64) int parallelism,
			@DefaultValue("0") @Min(0) @Max(1024) int maxConcurrent, @DefaultValue("64") @Min(0) @Max(10_000) int maxQueued,
			@DefaultValue("5s") @NotNull Duration maxWait) {
	}

	/**
	 * Failed logins are counted per (email, client address), per email and per client address; the
	 * failure that reaches any limit locks that key for {@code lockout}.
	 *
	 * @param maxFailures {@code AUTH_LOGIN_MAX_FAILURES}, failures of one email from one address within
	 * the window that lock that pair; default 5
	 * @param maxFailuresPerEmail {@code AUTH_LOGIN_MAX_FAILURES_PER_EMAIL}, failures of one email from all
	 * addresses that lock the email; default 50 (distributed guessing)
	 * @param maxFailuresPerIp {@code AUTH_LOGIN_MAX_FAILURES_PER_IP}, failures from one address across all
	 * emails that lock the address; default 100
	 * @param failureWindow {@code AUTH_LOGIN_FAILURE_WINDOW}; default 15 minutes
	 * @param lockout {@code AUTH_LOGIN_LOCKOUT}, how long a lock lasts; default 15 minutes
	 */
	public record Login(@DefaultValue("5") @Min(1) int maxFailures, @DefaultValue("50") @Min(1) int maxFailuresPerEmail,
			@DefaultValue("100") @Min(1) int maxFailuresPerIp, @DefaultValue("15m") @NotNull Duration failureWindow,
			@DefaultValue("15m") @NotNull Duration lockout) {
	}

	/**
	 * @param maxPerIp {@code AUTH_REGISTER_MAX_PER_IP}, registrations one client address may make within
	 * the window; default 20
	 * @param window {@code AUTH_REGISTER_WINDOW}; default 1 hour
	 */
	public record Registration(@DefaultValue("20") @Min(1) int maxPerIp, @DefaultValue("1h") @NotNull Duration window) {
	}

}
