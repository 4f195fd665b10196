package com.saasgate.authbilling.limits;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressBlockTests {

	@ParameterizedTest
	@CsvSource({ "192.0.2.1, 192.0.2.1", "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64", "2001:db8:1:2::, 2001:db8:1:2::/64",
			"2001:0db8:0001:0002:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64", "2001:db8::1, 2001:db8:0:0::/64",
			"::ffff:192.0.2.1, 192.0.2.1", "0:0:0:0:0:ffff:c000:201, 192.0.2.1", "0:0:0:0:0:0:0:1, 0:0:0:0::/64",
			"fe80::1%eth0, fe80:0:0:0::/64", "not-an-address, not-an-address" })
	void ofWhenAddressThenItsBlock(String address, String block) {
		assertThat(AddressBlock.of(address)).isEqualTo(block);
	}

	@Test
	void ofWhenHundredAddressesOfOneSlash64ThenOneKeyAndTheNextSlash64AnotherKey() {
		Set<String> keys = new HashSet<>();
		for (int host = 1; host <= 100; host++) {
			keys.add(AddressBlock.of(String.format("2001:db8:abcd:12:%x:%x::%x", (host * 7919) & 0xffff, host, host)));
		}

		assertThat(keys).containsExactly("2001:db8:abcd:12::/64");
		assertThat(AddressBlock.of("2001:db8:abcd:13::1")).isNotEqualTo("2001:db8:abcd:12::/64");
	}

	@Test
	void ofWhenIpv4AddressesDifferThenKeysDiffer() {
		assertThat(AddressBlock.of("192.0.2.1")).isNotEqualTo(AddressBlock.of("192.0.2.2"));
	}

}
