package com.saasgate.security;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadersTests {

	@Test
	void requestIdOrNewWhenSaneThenKept() {
		assertThat(Headers.requestIdOrNew("abc-123_x.y")).isEqualTo("abc-123_x.y");
		assertThat(Headers.requestIdOrNew("a".repeat(128))).isEqualTo("a".repeat(128));
	}

	@Test
	void requestIdOrNewWhenMissingTooLongOrOddThenFreshUuid() {
		for (String odd : new String[] { null, "", "a".repeat(129), "has space", "new\nline", "ünï", "a/b" }) {
			assertThat(UUID.fromString(Headers.requestIdOrNew(odd))).isNotNull();
		}
	}

}
