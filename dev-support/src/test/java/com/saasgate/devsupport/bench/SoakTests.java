package com.saasgate.devsupport.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakTests {

	@Test
	void parseWhenNoArgumentsThenTenMinutesAtFortyPerSecondReportedToBenchmarks() {
		Soak.Options options = Soak.Options.parse();

		assertThat(options.minutes()).isEqualTo(10);
		assertThat(options.rate()).isEqualTo(40.0);
		assertThat(options.users()).isEqualTo(24);
		assertThat(options.warmupMinutes()).isEqualTo(2);
		assertThat(options.report()).isEqualTo(Path.of("docs/benchmarks.md"));
	}

	@Test
	void parseWhenShortRunThenWarmupIsAtMostAThirdOfItAndNoReportIsHonoured() {
		Soak.Options options = Soak.Options.parse("--minutes", "3", "--rate", "12.5", "--warmup", "5", "--no-report");

		assertThat(options.minutes()).isEqualTo(3);
		assertThat(options.rate()).isEqualTo(12.5);
		assertThat(options.warmupMinutes()).isEqualTo(1);
		assertThat(options.report()).isNull();
	}

	@Test
	void parseWhenRateNotPositiveOrArgumentUnknownThenRefusedWithUsage() {
		assertThatThrownBy(() -> Soak.Options.parse("--rate", "0")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("--rate");
		assertThatThrownBy(() -> Soak.Options.parse("--fast")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("scripts/bench/soak");
	}

}
