package com.saasgate.authbilling.auth;

import java.time.Clock;

import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.HmacJwt;
import com.saasgate.security.jwt.RefreshTokens;
import com.saasgate.security.servicetoken.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The token codecs. They take their keys from {@link CheckedSecrets} only, so a bad secret is reported
 * by the start-up check as a configuration problem, never as a failure deep in a library.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	AccessTokens accessTokens(CheckedSecrets secrets, AuthProperties properties, Clock clock) {
		return new AccessTokens(secrets.accessKeys(), properties.jwt().issuer(), properties.jwt().audience(),
				properties.accessTokenTtl(), HmacJwt.MAX_CLOCK_SKEW, clock);
	}

	@Bean
	RefreshTokens refreshTokens(CheckedSecrets secrets, AuthProperties properties, Clock clock) {
		return new RefreshTokens(secrets.refreshKeys(), properties.jwt().issuer(), clock);
	}

	@Bean
	ServiceTokens serviceTokens(CheckedSecrets secrets, Clock clock) {
		return new ServiceTokens(secrets.serviceKeys(), clock);
	}

}
