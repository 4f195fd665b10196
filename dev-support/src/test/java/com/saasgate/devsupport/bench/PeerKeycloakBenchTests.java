package com.saasgate.devsupport.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PeerKeycloakBenchTests {

	@Test
	void parseWhenOnlyKeycloakGivenThenWrkAtTwoThreadsSixteenConnectionsNinetySecondWarmUpReportedToBenchmarks() {
		PeerKeycloakBench.Options options = PeerKeycloakBench.Options.parse("--keycloak-home", "kc", "--keycloak-java",
				"jdk");

		assertThat(options.threads()).isEqualTo(2);
		assertThat(options.connections()).isEqualTo(16);
		assertThat(options.rounds()).isEqualTo(5);
		assertThat(options.warmup()).isEqualTo(90);
		assertThat(options.keycloakHome()).isEqualTo(Path.of("kc"));
		assertThat(options.report()).isEqualTo(Path.of("docs/benchmarks.md"));
		assertThat(options.command()).isEqualTo("scripts/bench/peer-keycloak");
	}

	@Test
	void parseWhenOptionsTypedThenCommandQuotesThemWithoutTheScriptsOwn() {
		PeerKeycloakBench.Options options = PeerKeycloakBench.Options.parse("--keycloak-home", "kc", "--keycloak-java",
				"jdk", "--rounds", "3", "--no-report");

		assertThat(options.rounds()).isEqualTo(3);
		assertThat(options.report()).isNull();
		assertThat(options.command()).isEqualTo("scripts/bench/peer-keycloak --rounds 3 --no-report");
	}

	@Test
	void parseWhenKeycloakMissingOrArgumentUnknownThenRefusedWithUsage() {
		assertThatThrownBy(() -> PeerKeycloakBench.Options.parse("--rounds", "3"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("--keycloak-home");
		assertThatThrownBy(() -> PeerKeycloakBench.Options.parse("--fast")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("scripts/bench/peer-keycloak");
	}

	@Test
	void wrkWhenSomeAnswersFailedThenOnlySuccessfulGrantsCountAndTheFirstFailureIsKept() {
		String output = """
				Running 10s test @ http://127.0.0.1:1/token
				WRKERROR 401 {"error":"invalid_grant"}
				WRKRESULT requests=1000 duration_us=10000000 non2xx=100 connect=0 read=2 write=0 timeout=1 p50_us=4000 p99_us=25000
				""";

		PeerKeycloakBench.Wrk wrk = PeerKeycloakBench.Wrk.parse(output);

		assertThat(wrk.perSecond()).isCloseTo(90.0, within(1e-9));
		assertThat(wrk.failed()).isEqualTo(103);
		assertThat(wrk.p50Millis()).isEqualTo(4.0);
		assertThat(wrk.p99Millis()).isEqualTo(25.0);
		assertThat(wrk.firstError()).isEqualTo("401 {\"error\":\"invalid_grant\"}");
	}

	@Test
	void wrkWhenNoResultLineThenRefused() {
		assertThatThrownBy(() -> PeerKeycloakBench.Wrk.parse("unable to connect to 127.0.0.1:1"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("unable to connect");
	}

}
