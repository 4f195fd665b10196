package com.saasgate.authbilling.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * An {@link Api} for the service under test, injected with {@code @Autowired Api api}. Lazy, because
 * the random port is known only once the server has started, after the beans are made.
 */
@TestConfiguration(proxyBeanMethods = false)
class ApiConfiguration {

	@Bean
	@Lazy
	Api api(Environment environment) {
		return Api.local(environment.getRequiredProperty("local.server.port", Integer.class));
	}

}
