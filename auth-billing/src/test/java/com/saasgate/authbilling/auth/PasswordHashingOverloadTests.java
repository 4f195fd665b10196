package com.saasgate.authbilling.auth;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.devsupport.Parallel;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.ViaGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** One hash at a time at the production Argon2 cost, a queue of two and a short wait. */
@IntegrationTest
@TestPropertySource(properties = { "auth.password.memory-kib=19456", "auth.password.iterations=2",
		"auth.password.max-concurrent=1", "auth.password.max-queued=2", "auth.password.max-wait=50ms" })
class PasswordHashingOverloadTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void loginWhenMoreHashesThanSlotsAndQueueThenOverloadedWithRetryAfterAndNothingCounted() throws Exception {
		String email = TestUsers.verifiedUser(this.api).email();
		AtomicInteger clients = new AtomicInteger();

		List<Attempt> attempts = Parallel.run(16, () -> {
			String address = ViaGateway.address(clients.incrementAndGet());
			return new Attempt(address, login(email, "wrong password 123", address));
		});

		assertThat(attempts).extracting((a) -> a.response().status()).isSubsetOf(401, 503);
		List<Attempt> refused = attempts.stream().filter((a) -> a.response().status() == 503).toList();
		assertThat(refused).isNotEmpty()
			.allSatisfy((a) -> assertThat(a.response().code()).isEqualTo("overloaded"))
			.allSatisfy((a) -> assertThat(a.response().header("Retry-After")).isEqualTo("1"));
		// A refused login was never checked, so it must not count: its address still has five attempts.
		String address = refused.get(0).address();
		for (int i = 0; i < 5; i++) {
			assertThat(login(email, "wrong " + i, address).status()).isEqualTo(401);
		}
		assertThat(login(email, TestUsers.PASSWORD, address).code()).isEqualTo("too_many_attempts");
	}

	private Api.Response login(String email, String password, String address) {
		return this.api.post("/auth/login", Api.body("email", email, "password", password), ViaGateway.from(address));
	}

	private record Attempt(String address, Api.Response response) {
	}

	@Test
	void registerWhenHashingOverloadedThenNoAccountIsMadeAndTheAddressKeepsItsBudget() throws Exception {
		String address = ViaGateway.address(2);
		List<Api.Response> answers = Parallel.run(16, () -> register(TestUsers.newEmail(), address));

		assertThat(answers).extracting(Api.Response::status).isSubsetOf(201, 503);
		long made = answers.stream().filter((r) -> r.status() == 201).count();
		assertThat(made).isLessThan(16);
		assertThat(this.jdbc.sql("SELECT count(*) FROM users").query(Long.class).single()).isEqualTo(made);
		// The refused ones were given back: the address can still make the rest of its twenty.
		for (long i = made; i < 20; i++) {
			assertThat(register(TestUsers.newEmail(), address).status()).isEqualTo(201);
		}
		assertThat(register(TestUsers.newEmail(), address).code()).isEqualTo("rate_limited");
	}

	private Api.Response register(String email, String address) {
		return this.api.post("/auth/register", Api.body("email", email, "password", TestUsers.PASSWORD),
				ViaGateway.from(address));
	}

}
