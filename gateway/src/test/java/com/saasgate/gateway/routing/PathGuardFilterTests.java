package com.saasgate.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathGuardFilterTests {

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/%2e%2e/internal/x", "/api/auth/%2E./x", "/api/auth/a%2Fb", "/api/auth/%5C",
			"/api/auth/..", "/api/auth/./me", "/../x", "/api/auth/me;x=1", "/api//auth", "/api/auth/a\\b",
			"/api/auth/%252e", "/api/auth/me%00" })
	void isSafeWhenPathCouldBeReadDifferentlyUpstreamThenFalse(String rawPath) {
		assertThat(PathGuardFilter.isSafe(rawPath)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/me", "/api/auth/password/reset", "/health", "/", "/api/auth/me/",
			"/api/auth/v1.2/x", "/api/auth/..x", "/api/auth/%20name" })
	void isSafeWhenPlainPathThenTrue(String rawPath) {
		assertThat(PathGuardFilter.isSafe(rawPath)).isTrue();
	}

}
