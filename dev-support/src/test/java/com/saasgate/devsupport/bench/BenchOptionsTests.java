package com.saasgate.devsupport.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchOptionsTests {

	@Test
	void parseWhenBaselineJavaOptionsGivenThenSplitOnBlanksForTheBaselineSuiteOnly() {
		BenchOptions options = BenchOptions.parse("--baseline-jars", "gateway/target",
				"--baseline-java-options", " -Dio.netty.allocator.type=adaptive  -Xmx96m ");

		assertThat(options.baselineJavaOptions()).containsExactly("-Dio.netty.allocator.type=adaptive", "-Xmx96m");
	}

	@Test
	void parseWhenNoBaselineJavaOptionsThenNone() {
		assertThat(BenchOptions.parse().baselineJavaOptions()).isEmpty();
	}

}
