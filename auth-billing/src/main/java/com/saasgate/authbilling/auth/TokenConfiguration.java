package com.saasgate.authbilling.auth;

import java.time.Clock;

import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.HmacJwt;
import com.saasgate.security.jwt.RefreshTokens;
import com.saasgate.security.servicetoken.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The token codecs. They depend on the start-up secrets check so that a bad
 * secret is reported as a configuration problem, not as a failure deep in a library.
 */
@Configuration(proxyBeanMethods = false)
@DependsOn("secretsCheck")
class TokenConfiguration {

	@Bean
	AccessTokens accessTokens(AuthProperties properties, Clock clock) {
		return new AccessTokens(properties.jwt().secret(), properties.jwt().issuer(), properties.jwt().audience(),
				properties.accessTokenTtl(), HmacJwt.MAX_CLOCK_SKEW, clock);
	}

	@Bean
	RefreshTokens refreshTokens(AuthProperties properties, Clock clock) {
		return new RefreshTokens(properties.jwt().refreshSecret(), properties.jwt().issuer(), clock);
	}

	@Bean
	ServiceTokens serviceTokens(AuthProperties properties, Clock clock) {
		return new ServiceTokens(properties.serviceJwtSecret(), clock);
	}

}
