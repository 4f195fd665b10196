package com.saasgate.authbilling.webhooks;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconciliation's settings: the documented defaults, and one clear message per bad value. */
class ReconciliationPropertiesTests {

	private static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void bindWhenNothingSetThenHourlyOverThreeDaysUpToFiveThousandEvents() {
		ReconciliationProperties properties = bind(Map.of());

		assertThat(properties).isEqualTo(new ReconciliationProperties(true, "0 0 * * * *", Duration.ofDays(3), 5000));
		assertThat(validator.validate(properties)).isEmpty();
	}

	@Test
	void bindWhenCronIsDashThenValidAndTheScheduleIsOff() {
		assertThat(validator.validate(bind(Map.of("stripe.reconciliation.cron", "-")))).isEmpty();
	}

	@Test
	void validateWhenValuesOutOfRangeThenOneMessagePerVariable() {
		ReconciliationProperties properties = new ReconciliationProperties(true, "every hour", Duration.ofDays(31), 0);

		assertThat(messages(properties)).containsExactlyInAnyOrder(
				"STRIPE_RECONCILIATION_CRON must be a Spring cron expression (six fields) or -",
				"STRIPE_RECONCILIATION_WINDOW must be between 1 minute and 30 days",
				ReconciliationProperties.MAX_EVENTS_RANGE);
	}

	private static ReconciliationProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("stripe.reconciliation",
				ReconciliationProperties.class);
	}

	private static Set<String> messages(ReconciliationProperties properties) {
		return validator.validate(properties)
			.stream()
			.map(ConstraintViolation::getMessage)
			.collect(Collectors.toSet());
	}

}
