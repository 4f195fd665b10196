package com.saasgate.security;

import java.util.HashSet;
import java.util.Set;
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
			UUID fresh = UUID.fromString(Headers.requestIdOrNew(odd));
			assertThat(fresh.version()).isEqualTo(4);
			assertThat(fresh.variant()).isEqualTo(2);
		}
	}

	@Test
	void requestIdOrNewWhenGeneratedThenUniqueAndRandomInEveryFreeBit() {
		Set<String> ids = new HashSet<>();
		long highOr = 0;
		long highAnd = -1;
		long lowOr = 0;
		long lowAnd = -1;
		for (int i = 0; i < 10_000; i++) {
			String id = Headers.requestIdOrNew(null);
			ids.add(id);
			UUID uuid = UUID.fromString(id);
			highOr |= uuid.getMostSignificantBits();
			highAnd &= uuid.getMostSignificantBits();
			lowOr |= uuid.getLeastSignificantBits();
			lowAnd &= uuid.getLeastSignificantBits();
		}
		assertThat(ids).hasSize(10_000);
		// every bit but the version's (0100) and the variant's (10) takes both values
		assertThat(highOr).isEqualTo(~0xB000L);
		assertThat(highAnd).isEqualTo(0x4000L);
		assertThat(lowOr).isEqualTo(0xBFFF_FFFF_FFFF_FFFFL);
		assertThat(lowAnd).isEqualTo(0x8000_0000_0000_0000L);
	}

}
