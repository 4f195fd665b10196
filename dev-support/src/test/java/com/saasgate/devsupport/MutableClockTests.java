package com.saasgate.devsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void advanceWhenCalledThenInstantMoves() {
		MutableClock clock = new MutableClock(START);

		clock.advance(Duration.ofMinutes(5));

		assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(5)));
	}

	@Test
	void withZoneWhenClockAdvancedThenTheViewMovesToo() {
		MutableClock clock = new MutableClock(START);
		Clock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));

		clock.advance(Duration.ofHours(1));

		assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(berlin.instant()).isEqualTo(START.plus(Duration.ofHours(1)));
		assertThat(berlin.withZone(ZoneId.of("UTC")).instant()).isEqualTo(clock.instant());
	}

}
