package com.saasgate.gateway;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings, bound from the environment variables in {@code application.yml} (API
 * contract section 8). One record, so that every missing or invalid variable is reported in the same
 * start-up failure, one line each, named as the operator sets it. Not to be confused with Spring
 * Cloud Gateway's {@code spring.cloud.gateway.server.webflux.*} properties.
 *
 * @param jwt how users' access tokens are verified
 * @param serviceToken how the gateway signs its own service token
 * @param cors the browser origins allowed to call the API
 * @param routing where requests go, and how large they may be
 */
@ConfigurationProperties("gateway")
@Validated
public record GatewayProperties(@Valid @NotNull Jwt jwt, @Valid @NotNull ServiceToken serviceToken,
		@Valid @NotNull Cors cors, @Valid @NotNull Routing routing) {

	/**
	 * How access tokens are verified: with auth-billing's public keys, from its JWKS. No secret.
	 *
	 * @param jwksUrl {@code AUTH_BILLING_JWKS_URL}, auth-billing's JWK Set; default (blank)
	 * {@code AUTH_BILLING_URL/.well-known/jwks.json}
	 * @param jwksMinRefresh {@code GATEWAY_JWKS_MIN_REFRESH}, the least time between two fetches caused
	 * by tokens naming an unknown {@code kid}; default {@code 30s}
	 * @param jwksMaxAge {@code GATEWAY_JWKS_MAX_AGE}, how long fetched keys are used before they are
	 * fetched again in the background; default {@code 5m}
	 * @param issuer {@code JWT_ISSUER}, the required {@code iss}; default {@code saasgate}
	 * @param audience {@code JWT_AUDIENCE}, the required {@code aud}; default {@code saasgate-api}
	 */
	public record Jwt(String jwksUrl, @NotNull(message = "GATEWAY_JWKS_MIN_REFRESH must be set") Duration jwksMinRefresh,
			@NotNull(message = "GATEWAY_JWKS_MAX_AGE must be set") Duration jwksMaxAge,
			@NotBlank(message = "JWT_ISSUER must not be blank") String issuer,
			@NotBlank(message = "JWT_AUDIENCE must not be blank") String audience) {

	}

	/**
	 * The key of the gateway's {@code X-Service-Token} (API contract section 6), to upstreams and to
	 * auth-billing: its own private key, whose public half it publishes; no secret shared with anyone.
	 *
	 * @param signingKey {@code GATEWAY_SIGNING_KEY}, a private key (EC P-256 PEM or JWK); required
	 * @param signingKeyPrevious {@code GATEWAY_SIGNING_KEY_PREVIOUS}, the other published key of a
	 * rotation: published, never signs; default none
	 */
	public record ServiceToken(@NotBlank(message = "GATEWAY_SIGNING_KEY must be set") String signingKey,
			String signingKeyPrevious) {

		@Override
		public String toString() {
			return "ServiceToken[signingKey=(hidden)]";
		}

	}

	/**
	 * @param allowedOrigins {@code CORS_ALLOWED_ORIGINS}, comma-separated origins such as
	 * {@code https://app.example.com}; default {@code http://localhost:3000}. No wildcard: credentials
	 * are allowed, and the Fetch standard forbids {@code *} with them.
	 */
	public record Cors(@NotEmpty(message = "CORS_ALLOWED_ORIGINS must list at least one origin") List<@Pattern(
			regexp = "https?://[^/\\s*]+",
			message = "CORS_ALLOWED_ORIGINS entries must be origins like https://app.example.com (no path, no wildcard)") String> allowedOrigins) {
	}

	/**
	 * @param authBillingUrl {@code AUTH_BILLING_URL}, scheme, host and port of auth-billing; default
	 * {@code http://localhost:3001}. A path would be silently ignored by the router, so it is refused.
	 * @param maxRequestSize {@code GATEWAY_MAX_REQUEST_SIZE}, the largest request body forwarded;
	 * default {@code 10MB}
	 * @param webhookMaxRequestSize {@code GATEWAY_WEBHOOK_MAX_REQUEST_SIZE}, the largest body forwarded to
	 * {@code /api/billing/webhooks} instead; default {@code 1MB} (auth-billing's own cap there)
	 * @param upstreamConnectTimeout {@code GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS}, how long the gateway waits
	 * for a connection to auth-billing or an upstream before answering {@code 502}; default 2000 (ms)
	 */
	public record Routing(
			@NotNull(message = "AUTH_BILLING_URL must be set") @Pattern(regexp = "https?://[^/?#\\s]+/?",
					message = "AUTH_BILLING_URL must be an http(s) URL without a path, like http://auth-billing:3001") String authBillingUrl,
			@NotNull(message = "GATEWAY_MAX_REQUEST_SIZE must be set") DataSize maxRequestSize,
			@NotNull(message = "GATEWAY_WEBHOOK_MAX_REQUEST_SIZE must be set") DataSize webhookMaxRequestSize,
			@NotNull(message = "GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS must be set") Duration upstreamConnectTimeout) {

		@AssertTrue(message = "GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS must be between 1 and 60000")
		boolean isUpstreamConnectTimeoutInRange() {
			return this.upstreamConnectTimeout == null || (this.upstreamConnectTimeout.toMillis() >= 1
					&& this.upstreamConnectTimeout.compareTo(Duration.ofMinutes(1)) <= 0);
		}

		/** The auth-billing base URL without a trailing slash. */
		public String authBillingBaseUrl() {
			return this.authBillingUrl.endsWith("/")
					? this.authBillingUrl.substring(0, this.authBillingUrl.length() - 1) : this.authBillingUrl;
		}

	}

}
