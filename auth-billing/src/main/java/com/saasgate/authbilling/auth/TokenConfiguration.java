package com.saasgate.authbilling.auth;

import java.time.Clock;
import java.util.Map;

import com.saasgate.authbilling.ops.CheckedSecrets;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.HmacJwt;
import com.saasgate.security.jwt.RefreshTokens;
import com.saasgate.security.servicetoken.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The token codecs and the password encoder. The codecs take their keys from {@link CheckedSecrets}
 * only, so a bad secret is reported by the start-up check as a configuration problem, never as a
 * failure deep in a library.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	AccessTokens accessTokens(CheckedSecrets secrets, AuthProperties properties, Clock clock) {
		return new AccessTokens(secrets.jwtSecret(), properties.jwt().issuer(), properties.jwt().audience(),
				properties.accessTokenTtl(), HmacJwt.MAX_CLOCK_SKEW, clock);
	}

	@Bean
	RefreshTokens refreshTokens(CheckedSecrets secrets, AuthProperties properties, Clock clock) {
		return new RefreshTokens(secrets.refreshSecret(), properties.jwt().issuer(), clock);
	}

	@Bean
	ServiceTokens serviceTokens(CheckedSecrets secrets, Clock clock) {
		return new ServiceTokens(secrets.serviceKeys(), clock);
	}

	/**
	 * Argon2id, stored with an {@code {argon2}} prefix so that the algorithm or its cost can change
	 * later: hashes of an older cost are upgraded at the next successful login.
	 */
	@Bean
	PasswordEncoder passwordEncoder(AuthProperties properties) {
		AuthProperties.Password cost = properties.password();
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, cost.parallelism(), cost.memoryKib(),
				cost.iterations());
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2));
	}

}
