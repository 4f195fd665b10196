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
