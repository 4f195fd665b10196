package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.security.contract.ServiceNames;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.servicetoken.SignedServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The token verifier and signer, built only from secrets that passed the start-up checks. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	/** The most clock difference tolerated between auth-billing and the gateway. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private static final String JWKS_PATH = "/.well-known/jwks.json";

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	CheckedSecrets checkedSecrets(GatewayProperties properties) {
		return CheckedSecrets.check(properties);
	}

	@Bean
	AccessTokenKeys accessTokenKeys(GatewayProperties properties, Clock clock) {
		String url = properties.jwt().jwksUrl();
		if (url == null || url.isBlank()) {
			url = properties.routing().authBillingBaseUrl() + JWKS_PATH;
		}
		return new AccessTokenKeys(url, properties.jwt().jwksMinRefresh(), properties.jwt().jwksMaxAge(), clock);
	}

	@Bean
	AccessTokens accessTokens(GatewayProperties properties, AccessTokenKeys keys, Clock clock) {
		return new AccessTokens(keys, properties.jwt().issuer(), properties.jwt().audience(), CLOCK_SKEW, clock);
	}

	@Bean
	SignedServiceTokens serviceTokens(CheckedSecrets secrets, Clock clock) {
		return new SignedServiceTokens(ServiceNames.GATEWAY, secrets.gatewayKeys(), clock);
	}

	@Bean
	VerifiedAccessTokens verifiedAccessTokens(Clock clock) {
		return new VerifiedAccessTokens(clock);
	}

	@Bean
	GatewayServiceToken gatewayServiceToken(SignedServiceTokens serviceTokens, Clock clock) {
		return new GatewayServiceToken(serviceTokens, clock);
	}

}
