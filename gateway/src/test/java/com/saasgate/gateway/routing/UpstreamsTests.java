package com.saasgate.gateway.routing;

import java.util.Optional;

import com.saasgate.security.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Upstreams from {@code UPSTREAM_<NAME>_URL}: what is accepted, and the one line for each mistake. */
class UpstreamsTests {

	@Test
	void discoverWhenVariablesSetThenOneUpstreamEachWithItsMeteredResource() {
		MockEnvironment environment = new MockEnvironment().withProperty("UPSTREAM_INTELLIGENCE_URL", "http://llm:8000/")
			.withProperty("UPSTREAM_INTELLIGENCE_METERED_RESOURCE", "llm_tokens")
			.withProperty("UPSTREAM_AGENT_RUNNER_URL", "https://agents.internal:8443")
			.withProperty("gateway.upstreams.memory.url", "http://memory:7000");

		assertThat(Upstreams.discover(environment).all()).containsExactly(
				new Upstreams.Upstream("agent-runner", "https://agents.internal:8443", Optional.empty()),
				new Upstreams.Upstream("intelligence", "http://llm:8000", Optional.of("llm_tokens")),
				new Upstreams.Upstream("memory", "http://memory:7000", Optional.empty()));
	}

	@Test
	void discoverWhenNothingConfiguredThenNoUpstreams() {
		assertThat(Upstreams.discover(new MockEnvironment()).all()).isEmpty();
	}

	@Test
	void discoverWhenReservedNamesThenStartUpFailsNamingEachVariable() {
		MockEnvironment environment = new MockEnvironment().withProperty("UPSTREAM_AUTH_URL", "http://evil:1")
			.withProperty("UPSTREAM_BILLING_URL", "http://evil:2")
			.withProperty("UPSTREAM_USAGE_URL", "http://evil:3")
			.withProperty("UPSTREAM_TRIALS_URL", "http://evil:4")
			.withProperty("UPSTREAM_INTERNAL_URL", "http://evil:5");

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> Upstreams.discover(environment))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(5)
				.allSatisfy((line) -> assertThat(line).matches("UPSTREAM_[A-Z]+_URL: '[a-z]+' is a reserved path name.*")));
	}

	@Test
	void discoverWhenUrlHasAPathOrIsNotHttpThenRefused() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> Upstreams.discover(new MockEnvironment().withProperty("UPSTREAM_MEMORY_URL", "http://memory/v1")))
			.withMessageContaining("UPSTREAM_MEMORY_URL must be an http(s) URL without a path");
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> Upstreams.discover(new MockEnvironment().withProperty("UPSTREAM_MEMORY_URL", "ftp://memory")))
			.withMessageContaining("UPSTREAM_MEMORY_URL");
	}

	@Test
	void discoverWhenMeteredResourceWithoutUrlThenRefused() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> Upstreams.discover(
					new MockEnvironment().withProperty("UPSTREAM_INTELLIGENCE_METERED_RESOURCE", "llm_tokens")))
			.withMessageContaining("UPSTREAM_INTELLIGENCE_URL must be set");
	}

	@Test
	void discoverWhenMeteredResourceMalformedThenRefused() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> Upstreams.discover(new MockEnvironment().withProperty("UPSTREAM_INTELLIGENCE_URL", "http://llm")
				.withProperty("UPSTREAM_INTELLIGENCE_METERED_RESOURCE", "LLM tokens!")))
			.withMessageContaining("UPSTREAM_INTELLIGENCE_METERED_RESOURCE");
	}

}
