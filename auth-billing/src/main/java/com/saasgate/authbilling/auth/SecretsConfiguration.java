package com.saasgate.authbilling.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** The start-up check of the secrets, as a bean the token beans depend on by type. */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

	@Bean
	CheckedSecrets checkedSecrets(AuthProperties auth, ConfigurableEnvironment environment) {
		return CheckedSecrets.check(auth, environment, environment.matchesProfiles("prod"));
	}

}
