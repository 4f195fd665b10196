package com.saasgate.authbilling.usage;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.saasgate.authbilling.billing.Subscription;
import com.saasgate.security.contract.Tier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which period usage counts in: calendar months in UTC, or a live paid subscription's billing period. */
class UsagePeriodTests {

	private static final Instant START = Instant.parse("2026-03-15T08:30:00Z");

	private static final Instant END = Instant.parse("2026-04-15T08:30:00Z");

	@Test
	void periodWhenNoSubscriptionThenCalendarMonthInUtc() {
		UsagePeriod period = UsagePeriod.of(Optional.empty(), Instant.parse("2026-02-14T12:00:00Z"));

		assertThat(period.start()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
		assertThat(period.end()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
	}

	@Test
	void periodWhenMonthRollsOverInUtcThenNextMonthsCounter() {
		UsagePeriod last = UsagePeriod.calendarMonth(Instant.parse("2026-12-31T23:59:59.999999Z"));
		UsagePeriod next = UsagePeriod.calendarMonth(Instant.parse("2027-01-01T00:00:00Z"));

		assertThat(last.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
		assertThat(last.end()).isEqualTo(next.start()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
		assertThat(next.end()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
	}

	@Test
	void periodWhenLivePaidSubscriptionThenItsBillingPeriod() {
		UsagePeriod period = UsagePeriod.of(Optional.of(subscription("active", Tier.PRO)),
				Instant.parse("2026-04-01T00:00:00Z"));

		assertThat(period).isEqualTo(new UsagePeriod(START, END));
	}

	@Test
	void periodWhenSubscriptionNotLiveOrNotPaidOrOutsideItsPeriodThenCalendarMonth() {
		Instant now = Instant.parse("2026-04-01T00:00:00Z");
		UsagePeriod april = UsagePeriod.calendarMonth(now);

		assertThat(UsagePeriod.of(Optional.of(subscription("canceled", Tier.PRO)), now)).isEqualTo(april);
		assertThat(UsagePeriod.of(Optional.of(subscription("active", null)), now)).isEqualTo(april);
		assertThat(UsagePeriod.of(Optional.of(subscription("active", Tier.BASIC)), END)).isEqualTo(
				UsagePeriod.calendarMonth(END));
	}

	private static Subscription subscription(String status, Tier tier) {
		return new Subscription("sub_1", UUID.randomUUID(), "cus_1", status, "price_1", Optional.ofNullable(tier), START,
				END, false, null, null, START, START);
	}

}
