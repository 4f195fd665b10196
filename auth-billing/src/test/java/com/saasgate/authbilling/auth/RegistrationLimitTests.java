package com.saasgate.authbilling.auth;

import java.util.List;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.devsupport.Parallel;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.ViaGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class RegistrationLimitTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void registerWhenOneAddressRegistersInParallelThenOnlyTwentyAccountsAreMade() throws Exception {
		String address = ViaGateway.address(7);

		List<Api.Response> answers = Parallel.run(30, () -> register(TestUsers.newEmail(), address));

		assertThat(answers).filteredOn((r) -> r.status() == 201).hasSize(20);
		assertThat(answers).filteredOn((r) -> r.status() == 429)
			.hasSize(10)
			.allSatisfy((r) -> assertThat(r.code()).isEqualTo("rate_limited"))
			.allSatisfy((r) -> assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 3600L));
		assertThat(this.jdbc.sql("SELECT count(*) FROM users").query(Long.class).single()).isEqualTo(20);
		assertThat(register(TestUsers.newEmail(), ViaGateway.address(8)).status()).isEqualTo(201);
	}

	@Test
	void registerWhenHundredAddressesOfOneIpv6Slash64ThenTheyShareOneBudgetOfTwenty() {
		int block = 0x6402;
		List<Integer> statuses = new java.util.ArrayList<>();
		for (int host = 1; host <= 100; host++) {
			statuses.add(register(TestUsers.newEmail(), ViaGateway.address(block, host)).status());
		}

		assertThat(statuses.subList(0, 20)).containsOnly(201);
		assertThat(statuses.subList(20, 100)).containsOnly(429);
		assertThat(register(TestUsers.newEmail(), ViaGateway.address(block + 1, 1)).status()).as("the next /64").isEqualTo(201);
	}

	@Test
	void registerWhenIpv4MappedIpv6ThenCountedAsTheIpv4Address() {
		for (int i = 0; i < 20; i++) {
			assertThat(register(TestUsers.newEmail(), (i % 2 == 0) ? "192.0.2.64" : "::ffff:192.0.2.64").status()).isEqualTo(201);
		}

		assertThat(register(TestUsers.newEmail(), "::ffff:c000:240").status()).isEqualTo(429);
		assertThat(register(TestUsers.newEmail(), "192.0.2.65").status()).isEqualTo(201);
	}

	@Test
	void registerWhenInvalidThenNotCountedAgainstTheAddress() {
		String address = ViaGateway.address(9);
		for (int i = 0; i < 25; i++) {
			assertThat(register("not-an-email-" + i, address).status()).isEqualTo(400);
		}

		assertThat(register(TestUsers.newEmail(), address).status()).isEqualTo(201);
	}

	private Api.Response register(String email, String address) {
		return this.api.post("/auth/register", Api.body("email", email, "password", TestUsers.PASSWORD),
				ViaGateway.from(address));
	}

}
