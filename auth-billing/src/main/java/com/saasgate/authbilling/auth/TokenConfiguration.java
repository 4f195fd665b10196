package com.saasgate.authbilling.auth;

import java.time.Clock;
import java.util.Map;

import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.HmacJwt;
import com.saasgate.security.jwt.RefreshTokens;
import com.saasgate.security.servicetoken.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The token codecs and the password encoder. They depend on the start-up secrets check so that a bad
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
