package com.saasgate.authbilling.support;

import com.saasgate.devsupport.TestInfrastructure;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points every test context at the shared embedded PostgreSQL, Redis and GreenMail. */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPropertyValues
			.of("database.url=" + TestInfrastructure.databaseUrl(),
					"spring.data.redis.url=" + TestInfrastructure.redisUrl(), "spring.mail.host=127.0.0.1",
					"spring.mail.port=" + TestMail.port())
			.applyTo(context);
	}

}
