package com.saasgate.authbilling.trial;

import java.util.LinkedHashMap;
import java.util.Map;

import com.saasgate.authbilling.AuthBillingApplication;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.devsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/** Bad trial settings stop start-up with one line naming the variable. */
@ExtendWith(OutputCaptureExtension.class)
class TrialConfigurationTests {

	@Test
	void startWhenTrialBatchSizeZeroOrTooLargeThenFailsNamingTrialBatchSize(CapturedOutput output) {
		for (String size : new String[] { "0", "10001" }) {
			assertThatRuntimeException().isThrownBy(() -> start("trial.batch-size", size).close());

			String report = output.getOut().substring(output.getOut().lastIndexOf("APPLICATION FAILED TO START"));
			assertThat(report).contains("TRIAL_BATCH_SIZE must be between 1 and 10000");
		}
	}

	@Test
	void startWhenTrialWorkersZeroOrTooManyThenFailsNamingTrialWorkers(CapturedOutput output) {
		for (String workers : new String[] { "0", "9" }) {
			assertThatRuntimeException().isThrownBy(() -> start("trial.workers", workers).close());

			String report = output.getOut().substring(output.getOut().lastIndexOf("APPLICATION FAILED TO START"));
			assertThat(report).contains("TRIAL_WORKERS must be between 1 and 8");
		}
	}

	private static ConfigurableApplicationContext start(String key, String value) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("database.url", TestInfrastructure.databaseUrl());
		properties.put("spring.data.redis.url", TestInfrastructure.redisUrl());
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("auth.jwt.secret", TestSecrets.JWT_SECRET);
		properties.put("auth.jwt.refresh-secret", TestSecrets.JWT_REFRESH_SECRET);
		properties.put("auth.service-jwt-secret", TestSecrets.SERVICE_JWT_SECRET);
		properties.put("SERVICE_JWT_SECRET_GATEWAY", TestSecrets.SERVICE_JWT_SECRET_GATEWAY);
		properties.put(key, value);
		return new SpringApplicationBuilder(AuthBillingApplication.class).run(properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new));
	}

}
