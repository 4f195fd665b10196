package com.saasgate.authbilling.auth;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The password encoder every hash of the service goes through. */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PasswordConfiguration.class);

	private static final int SALT_LENGTH = 16;

	private static final int HASH_LENGTH = 32;

	/**
	 * Argon2id, stored with an {@code {argon2}} prefix so that the algorithm or its cost can change
	 * later (hashes of an older cost are upgraded at the next successful login), behind the bulkhead of
	 * {@link BoundedPasswordEncoder}.
	 */
	@Bean
	PasswordEncoder passwordEncoder(AuthProperties properties, MeterRegistry meters) {
		AuthProperties.Password cost = properties.password();
		PasswordEncoder argon2 = argon2(cost);
		int slots = (cost.maxConcurrent() > 0) ? cost.maxConcurrent() : Runtime.getRuntime().availableProcessors();
		return new BoundedPasswordEncoder(new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2)), slots,
				cost.maxQueued(), cost.maxWait(), meters);
	}

	/**
	 * The reference implementation where its native library loads (Linux, macOS and Windows on x86-64
	 * and ARM ship in the jar), else Spring's Java one, which reads and writes the same hashes.
	 */
	private static PasswordEncoder argon2(AuthProperties.Password cost) {
		try {
			return NativeArgon2PasswordEncoder.loaded(SALT_LENGTH, HASH_LENGTH, cost.parallelism(), cost.memoryKib(),
					cost.iterations());
		}
		catch (LinkageError | RuntimeException ex) {
			logger.warn("Native Argon2 unavailable ({}); hashing with the Java implementation, which needs a larger "
					+ "young generation", ex.toString());
			return new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, cost.parallelism(), cost.memoryKib(),
					cost.iterations());
		}
	}

}
