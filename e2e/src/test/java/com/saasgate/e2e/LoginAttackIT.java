package com.saasgate.e2e;

import java.util.List;
import java.util.Map;

import com.saasgate.devsupport.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login limits attacked the way abusers attack them, through the real gateway in front of the real
 * auth-billing: spoofed forwarding headers, many accounts from one client, many guesses at once.
 */
@ExtendWith(E2eSuite.class)
class LoginAttackIT {

	private final Api api;

	LoginAttackIT(Api api) {
		this.api = api;
	}

	@Test
	void loginWhenAttackerSpoofsForwardingHeadersThenStillCountedByItsOwnAddress() {
		Account victim = Account.fresh();
		this.api.verifiedUser(victim);
		DirectClient attacker = this.api.direct();

		for (int i = 0; i < 5; i++) {
			String fake = "203.0.113." + (10 + i);
			DirectClient.Answer answer = attacker.post("/api/auth/login", credentials(victim.email(), "wrong guess " + i),
					"X-Forwarded-For", fake, "X-Forwarded-For", fake + ", 198.51.100." + i, "Forwarded", "for=" + fake,
					"X-Real-IP", fake, "X-Client-Address", fake, "X-Service-Token", "forged");
			assertThat(answer.status()).as("guess %d", i).isEqualTo(401);
		}

		DirectClient.Answer sixth = attacker.post("/api/auth/login", credentials(victim.email(), victim.password()),
				"X-Forwarded-For", "203.0.113.99", "X-Client-Address", "203.0.113.99");
		assertThat(sixth.status()).isEqualTo(429);
		assertThat(sixth.code()).isEqualTo("too_many_attempts");
		assertThat(this.api.login(victim).status()).as("the victim elsewhere").isEqualTo(200);
	}

	@Test
	void loginWhenOneClientFailsForHundredOtherAccountsThenOnlyThatClientIsLocked() {
		Account user = Account.fresh();
		this.api.verifiedUser(user);
		Api attacker = this.api.newClient();

		for (int i = 0; i < 100; i++) {
			assertThat(attacker.login(Account.fresh()).status()).as("failure %d", i).isEqualTo(401);
		}

		Response locked = attacker.login(Account.fresh());
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("too_many_attempts");
		assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
		assertThat(this.api.login(user).status()).as("a user at another address").isEqualTo(200);
	}

	@Test
	void loginWhenFortyParallelGuessesThenAtMostFiveAreCheckedAndTheUserElsewhereGetsIn() throws Exception {
		Account victim = Account.fresh();
		this.api.verifiedUser(victim);
		Api attacker = this.api.newClient();
		Account guess = new Account(victim.email(), "not the password");

		List<Response> answers = Parallel.run(40, () -> attacker.login(guess));

		assertThat(answers).extracting(Response::status).containsOnly(401, 429);
		assertThat(answers).filteredOn((r) -> r.status() == 401).hasSizeLessThanOrEqualTo(5);
		assertThat(attacker.login(victim).status()).as("right password from the attacker's address").isEqualTo(429);
		assertThat(this.api.login(victim).status()).as("the victim at another address").isEqualTo(200);
	}

	@Test
	void loginWhenClientPrependsFakeHopsThenTheHopTheProxyAppendedIsCounted() {
		Account victim = Account.fresh();
		this.api.verifiedUser(victim);
		String attacker = Api.randomClientAddress();

		for (int i = 0; i < 5; i++) {
			Response answer = this.api.post("/api/auth/login", Map.of("email", victim.email(), "password", "wrong " + i),
					"X-Forwarded-For", Api.randomClientAddress() + ", " + attacker);
			assertThat(answer.status()).isEqualTo(401);
		}

		assertThat(this.api.asClient(attacker).login(victim).status()).isEqualTo(429);
		assertThat(this.api.login(victim).status()).isEqualTo(200);
	}

	@Test
	void registerWhenOneClientRegistersInParallelThenTwentyAccountsAtMost() throws Exception {
		Api client = this.api.newClient();

		List<Response> answers = Parallel.run(30, () -> client.register(Account.fresh()));

		// On a busy machine some may find the hashing queue full (503 overloaded): such an attempt is given
		// back, so a later one may take its place, but never more than twenty accounts are made.
		assertThat(answers).extracting(Response::status).isSubsetOf(201, 429, 503);
		assertThat(answers).filteredOn((r) -> r.status() == 201).hasSizeBetween(1, 20);
		assertThat(answers).filteredOn((r) -> r.status() == 429)
			.isNotEmpty()
			.allSatisfy((r) -> assertThat(r.text("code")).isEqualTo("rate_limited"));
		assertThat(this.api.newClient().register(Account.fresh()).status()).isEqualTo(201);
	}

	/**
	 * One IPv6 client holds a whole /64 (2^64 addresses); counted per address it would have endless
	 * fresh budgets. The load balancer (the suite's trusted proxy) reports 100 different addresses of
	 * one /64 in X-Forwarded-For: they share one registration budget of 20.
	 */
	@Test
	void registerWhenHundredAddressesOfOneIpv6Slash64ThenTheyShareOneBudget() {
		List<String> addresses = Api.addressesOfOneSlash64(101);

		List<Integer> statuses = new java.util.ArrayList<>();
		for (String address : addresses.subList(0, 100)) {
			Response answer = this.api.asClient(address).register(Account.fresh());
			assertThat(answer.status()).as("%s: %s", address, answer).isIn(201, 429);
			statuses.add(answer.status());
		}

		assertThat(statuses.subList(0, 20)).containsOnly(201);
		assertThat(statuses.subList(20, 100)).containsOnly(429);
		Response last = this.api.asClient(addresses.get(100)).register(Account.fresh());
		assertThat(last.status()).isEqualTo(429);
		assertThat(last.text("code")).isEqualTo("rate_limited");
		assertThat(this.api.newClient().register(Account.fresh()).status()).as("a client in another /64").isEqualTo(201);
	}

	private static String credentials(String email, String password) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
	}

}
