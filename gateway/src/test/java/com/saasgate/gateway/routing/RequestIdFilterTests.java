package com.saasgate.gateway.routing;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

	@Test
	void requestIdWhenSaneThenKept() {
		assertThat(RequestIdFilter.requestId("abc-123_x.y")).isEqualTo("abc-123_x.y");
		assertThat(RequestIdFilter.requestId("a".repeat(128))).isEqualTo("a".repeat(128));
	}

	@Test
	void requestIdWhenMissingTooLongOrOddThenFreshUuid() {
		for (String odd : new String[] { null, "", "a".repeat(129), "has space", "new\nline", "ünï", "a/b" }) {
			assertThat(UUID.fromString(RequestIdFilter.requestId(odd))).isNotNull();
		}
	}

}
