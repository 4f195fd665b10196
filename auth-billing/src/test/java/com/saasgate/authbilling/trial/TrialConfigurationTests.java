package com.saasgate.authbilling.trial;

import java.util.Map;

import com.saasgate.authbilling.support.StandaloneAuthBilling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
		return StandaloneAuthBilling.start(Map.of(key, value));
	}

}
