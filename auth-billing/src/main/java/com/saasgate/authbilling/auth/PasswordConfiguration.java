package com.saasgate.authbilling.auth;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The password encoder every hash of the service goes through. */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

	/**
	 * Argon2id, stored with an {@code {argon2}} prefix so that the algorithm or its cost can change
	 * later (hashes of an older cost are upgraded at the next successful login), behind the bulkhead of
	 * {@link BoundedPasswordEncoder}.
	 */
	@Bean
	PasswordEncoder passwordEncoder(AuthProperties properties, MeterRegistry meters) {
		AuthProperties.Password cost = properties.password();
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, cost.parallelism(), cost.memoryKib(),
				cost.iterations());
		int slots = (cost.maxConcurrent() > 0) ? cost.maxConcurrent() : Runtime.getRuntime().availableProcessors();
		return new BoundedPasswordEncoder(new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2)), slots,
				cost.maxQueued(), cost.maxWait(), meters);
	}

}
