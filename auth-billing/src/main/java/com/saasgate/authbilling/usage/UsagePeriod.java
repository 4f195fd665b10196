package com.saasgate.authbilling.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import com.saasgate.authbilling.billing.Subscription;

/**
 * A usage period, {@code [start, end)}: the Stripe billing period of a live paid subscription that
 * covers the instant, else the calendar month in UTC. Counters are keyed by {@code start}.
 */
record UsagePeriod(Instant start, Instant end) {

	static UsagePeriod of(Optional<Subscription> subscription, Instant now) {
		return subscription.filter((paid) -> paid.live() && paid.tier().isPresent())
			.filter((paid) -> paid.currentPeriodStart() != null && paid.currentPeriodEnd() != null)
			.filter((paid) -> !now.isBefore(paid.currentPeriodStart()) && now.isBefore(paid.currentPeriodEnd()))
			.map((paid) -> new UsagePeriod(paid.currentPeriodStart(), paid.currentPeriodEnd()))
			.orElseGet(() -> calendarMonth(now));
	}

	static UsagePeriod calendarMonth(Instant now) {
		LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
		return new UsagePeriod(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
				first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
