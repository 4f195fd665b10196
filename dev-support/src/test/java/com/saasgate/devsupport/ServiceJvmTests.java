package com.saasgate.devsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmTests {

	@Test
	void optionsWhenJdkHasHeapTrimmingThenAllShippedOptions() {
		assertThat(ServiceJvm.options(Runtime.Version.parse("17.0.9"))).isEqualTo(ServiceJvm.OPTIONS)
			.contains("-XX:TrimNativeHeapInterval=5000");
		assertThat(ServiceJvm.options(Runtime.Version.parse("25.0.3+9-LTS"))).isEqualTo(ServiceJvm.OPTIONS);
	}

	@Test
	void optionsWhenJdkBeforeHeapTrimmingThenEverythingButIt() {
		assertThat(ServiceJvm.options(Runtime.Version.parse("17.0.8+7"))).hasSize(ServiceJvm.OPTIONS.size() - 1)
			.doesNotContain("-XX:TrimNativeHeapInterval=5000")
			.contains("-Xmx128m", "-XX:+UseSerialGC");
	}

}
