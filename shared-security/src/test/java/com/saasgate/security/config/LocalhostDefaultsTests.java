package com.saasgate.security.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LocalhostDefaultsTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:3000", "http://localhost:3000/billing", "https://LOCALHOST", "localhost",
			"http://app.localhost:8080", "http://127.0.0.1:3000", "http://127.1.2.3", "http://[::1]:3000", "http://0.0.0.0",
			"http://localhost.", "http://[0:0:0:0:0:0:0:1]/x", "http://[::]:80" })
	void isLocalWhenLoopbackHostThenTrue(String value) {
		assertThat(LocalhostDefaults.isLocal(value)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://app.example.com", "https://app.example.com/billing", "https://localhost.example.com",
			"https://mylocalhost.com", "http://10.0.0.1:3000", "http://[2001:db8::1]", "https://127.example.com", "" })
	void isLocalWhenAnotherHostThenFalse(String value) {
		assertThat(LocalhostDefaults.isLocal(value)).isFalse();
	}

	@Test
	void errorsWhenSomeVariablesPointAtLocalhostThenOneLinePerVariableNamingItNotItsValue() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("CORS_ALLOWED_ORIGINS", "https://app.example.com, http://localhost:3000");
		values.put("FRONTEND_URL", "https://app.example.com");
		values.put("GATEWAY_UPGRADE_URL", "http://localhost:3000/billing");
		values.put("UNSET", null);

		assertThat(LocalhostDefaults.errors(values)).containsExactly(
				"CORS_ALLOWED_ORIGINS points at localhost, a development default; set the production address",
				"GATEWAY_UPGRADE_URL points at localhost, a development default; set the production address")
			.allSatisfy((line) -> assertThat(line).doesNotContain("3000"));
	}

}
