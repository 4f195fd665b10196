package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.security.config.ServiceKeySecrets;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.servicetoken.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** The token verifier and signer, built only from secrets that passed the start-up checks. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	/** The most clock difference tolerated between auth-billing and the gateway. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	/** Unused by the gateway, which only verifies; the verifier's constructor wants a lifetime. */
	private static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(15);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	CheckedSecrets checkedSecrets(GatewayProperties properties, ConfigurableEnvironment environment) {
		boolean production = environment.matchesProfiles("prod");
		return CheckedSecrets.check(properties, ServiceKeySecrets.discover(environment, production), production);
	}

	@Bean
	AccessTokens accessTokens(GatewayProperties properties, CheckedSecrets secrets, Clock clock) {
		return new AccessTokens(secrets.accessKeys(), properties.jwt().issuer(), properties.jwt().audience(),
				ACCESS_TOKEN_TTL, CLOCK_SKEW, clock);
	}

	@Bean
	ServiceTokens serviceTokens(CheckedSecrets secrets, Clock clock) {
		// Signs with the gateway's own key when SERVICE_JWT_SECRET_GATEWAY is set.
		return new ServiceTokens(secrets.serviceKeys(), clock);
	}

	@Bean
	GatewayServiceToken gatewayServiceToken(ServiceTokens serviceTokens, Clock clock) {
		return new GatewayServiceToken(serviceTokens, clock);
	}

}
