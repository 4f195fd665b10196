package com.saasgate.authbilling.auth;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.devsupport.Parallel;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.ViaGateway;
import com.saasgate.devsupport.RedisServer;
import com.saasgate.devsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class LoginTests {

	@Autowired
	MeterRegistry meters;

	@Autowired
	Api api;


	@Test
	void loginWhenCredentialsRightThenAccessTokenCarriesContractClaims() {
		String email = TestUsers.verifiedUser(this.api).email();

		Api.Response response = login(email, TestUsers.PASSWORD);

		assertThat(response.status()).isEqualTo(200);
		JsonNode claims = claims(response.json().get("accessToken").asString());
		assertThat(claims.get("email").asString()).isEqualTo(email);
		assertThat(claims.get("role").asString()).isEqualTo("user");
		assertThat(claims.get("iss").asString()).isEqualTo("saasgate");
		assertThat(claims.get("aud").toString()).contains("saasgate-api");
		assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(900);
		assertThat(claims.get("jti").asString()).isNotBlank();
		assertThat(claims.get("sub").asString()).hasSize(36);
	}

	@Test
	void loginWhenEmailNotVerifiedThenForbiddenOnlyWithRightPassword() {
		String email = TestUsers.registered(this.api);

		assertThat(login(email, TestUsers.PASSWORD).code()).isEqualTo("email_not_verified");
		assertThat(login(email, TestUsers.PASSWORD).status()).isEqualTo(403);
		assertThat(login(email, "wrong password 123").code()).isEqualTo("invalid_credentials");
	}

	@Test
	void loginWhenUnknownEmailOrWrongPasswordThenSameAnswer() {
		String email = TestUsers.verifiedUser(this.api).email();

		Api.Response wrongPassword = login(email, "wrong password 123");
		Api.Response unknownEmail = login("nobody@example.com", "wrong password 123");

		assertThat(wrongPassword.status()).isEqualTo(401).isEqualTo(unknownEmail.status());
		assertThat(wrongPassword.json().toString()).isEqualTo(unknownEmail.json().toString());
		assertThat(wrongPassword.code()).isEqualTo("invalid_credentials");
	}

	@Test
	void loginWhenFiveFailuresThenLockedForRightAndWrongPasswordAlike() {
		String email = TestUsers.verifiedUser(this.api).email();
		for (int i = 0; i < 5; i++) {
			assertThat(login(email, "wrong password " + i).status()).isEqualTo(401);
		}

		Api.Response right = login(email, TestUsers.PASSWORD);
		Api.Response wrong = login(email, "wrong password 9");

		assertThat(right.status()).isEqualTo(429).isEqualTo(wrong.status());
		assertThat(right.code()).isEqualTo("too_many_attempts").isEqualTo(wrong.code());
		assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, 900L);
		assertThat(right.json().toString()).isEqualTo(wrong.json().toString());
	}

	@Test
	void loginWhenSuccessThenFailureCountStartsAgain() {
		String email = TestUsers.verifiedUser(this.api).email();
		for (int i = 0; i < 4; i++) {
			login(email, "wrong password " + i);
		}
		assertThat(login(email, TestUsers.PASSWORD).status()).isEqualTo(200);

		for (int i = 0; i < 4; i++) {
			assertThat(login(email, "wrong password " + i).status()).isEqualTo(401);
		}
		assertThat(login(email, TestUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void loginWhenEmailCaseDiffersThenSameAccountAndSameCounter() {
		String email = TestUsers.verifiedUser(this.api).email();
		for (int i = 0; i < 5; i++) {
			login((i % 2 == 0) ? email.toUpperCase() : email, "wrong password " + i);
		}

		assertThat(login(" " + email.toUpperCase(), TestUsers.PASSWORD).status()).isEqualTo(429);
	}

	@Test
	void loginWhenRedisStopsThenLoginStillWorksAndIsStillLimited() {
		RedisServer redis = TestInfrastructure.embeddedRedis();
		assumeThat(redis).as("the outage test needs the embedded Redis, not TEST_REDIS_URL").isNotNull();
		String email = TestUsers.verifiedUser(this.api).email();
		double errorsBefore = redisErrors();
		redis.suspend();
		try {
			assertThat(login(email, TestUsers.PASSWORD).status()).isEqualTo(200);
			for (int i = 0; i < 5; i++) {
				assertThat(login(email, "wrong password " + i).status()).isEqualTo(401);
			}
			assertThat(login(email, TestUsers.PASSWORD).code()).isEqualTo("too_many_attempts");
			assertThat(redisErrors()).isGreaterThan(errorsBefore);
			assertThat(this.api.get("/health").json().get("status").asString()).isEqualTo("DEGRADED");
		}
		finally {
			redis.resume();
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.api.get("/health").json().get("checks").get("redis").asString())
				.isEqualTo("UP"));
	}

	@Test
	void loginWhenPairLockedThenSameUserFromAnotherAddressStillLogsIn() {
		String email = TestUsers.verifiedUser(this.api).email();
		String attacker = ViaGateway.address(1);
		for (int i = 0; i < 5; i++) {
			assertThat(login(email, "wrong password " + i, attacker).status()).isEqualTo(401);
		}

		assertThat(login(email, TestUsers.PASSWORD, attacker).code()).isEqualTo("too_many_attempts");
		assertThat(login(email, TestUsers.PASSWORD, ViaGateway.address(2)).status()).isEqualTo(200);
	}

	@Test
	void loginWhenOneAddressFailsForHundredOtherAccountsThenOnlyThatAddressIsLocked() {
		String email = TestUsers.verifiedUser(this.api).email();
		String attacker = ViaGateway.address(1);
		for (int i = 0; i < 100; i++) {
			assertThat(login(TestUsers.newEmail(), "wrong password " + i, attacker).status()).isEqualTo(401);
		}

		assertThat(login(TestUsers.newEmail(), "wrong password", attacker).code()).isEqualTo("too_many_attempts");
		assertThat(login(email, TestUsers.PASSWORD, ViaGateway.address(2)).status()).isEqualTo(200);
		assertThat(login(email, TestUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void loginWhenHundredAddressesOfOneIpv6Slash64FailThenTheyShareOneAddressBudget() {
		String email = TestUsers.verifiedUser(this.api).email();
		int block = 0x6401;
		for (int host = 1; host <= 100; host++) {
			assertThat(login(TestUsers.newEmail(), "wrong password " + host, ViaGateway.address(block, host)).status())
				.as("failure from host %d of the /64", host).isEqualTo(401);
		}

		assertThat(login(email, TestUsers.PASSWORD, ViaGateway.address(block, 101)).code())
			.as("a 101st address of the same /64").isEqualTo("too_many_attempts");
		assertThat(login(email, TestUsers.PASSWORD, ViaGateway.address(block + 1, 1)).status())
			.as("the neighbouring /64").isEqualTo(200);
	}

	@Test
	void loginWhenPairLockedFromOneIpv6AddressThenEveryAddressOfItsSlash64IsLocked() {
		String email = TestUsers.verifiedUser(this.api).email();
		for (int host = 1; host <= 5; host++) {
			assertThat(login(email, "wrong password " + host, ViaGateway.address(0x6403, host)).status()).isEqualTo(401);
		}

		assertThat(login(email, TestUsers.PASSWORD, ViaGateway.address(0x6403, 999)).code()).isEqualTo("too_many_attempts");
		assertThat(login(email, TestUsers.PASSWORD, "::ffff:192.0.2.77").status()).as("another client").isEqualTo(200);
	}

	@Test
	void loginWhenFiftyAddressesGuessOneAccountThenTheAccountIsLocked() {
		String email = TestUsers.verifiedUser(this.api).email();
		for (int i = 0; i < 50; i++) {
			assertThat(login(email, "wrong password " + i, ViaGateway.address(100 + i)).status()).isEqualTo(401);
		}

		assertThat(login(email, TestUsers.PASSWORD, ViaGateway.address(1000)).code()).isEqualTo("too_many_attempts");
	}

	@Test
	void loginWhenFortyParallelWrongPasswordsThenAtMostFiveAreChecked() throws Exception {
		String email = TestUsers.verifiedUser(this.api).email();
		String attacker = ViaGateway.address(1);

		List<Api.Response> answers = Parallel.run(40, () -> login(email, "wrong password 123", attacker));

		assertThat(answers).extracting(Api.Response::status).containsOnly(401, 429);
		assertThat(answers).filteredOn((r) -> r.status() == 401).hasSizeLessThanOrEqualTo(5);
		assertThat(answers).filteredOn((r) -> r.status() == 429)
			.allSatisfy((r) -> assertThat(r.code()).isEqualTo("too_many_attempts"))
			.allSatisfy((r) -> assertThat(r.header("Retry-After")).isNotBlank());
		assertThat(login(email, TestUsers.PASSWORD, attacker).status()).isEqualTo(429);
		assertThat(login(email, TestUsers.PASSWORD, ViaGateway.address(2)).status()).isEqualTo(200);
	}

	@Test
	void loginWhenSpoofedForwardingHeadersWithoutGatewayTokenThenCountedByTcpPeer() {
		String email = TestUsers.verifiedUser(this.api).email();
		for (int i = 0; i < 5; i++) {
			Api.Response response = this.api.post("/auth/login", Api.body("email", email, "password", "wrong " + i),
					"X-Forwarded-For", ViaGateway.address(i), "X-Client-Address", ViaGateway.address(50 + i),
					"X-Real-IP", ViaGateway.address(100 + i));
			assertThat(response.status()).isEqualTo(401);
		}

		assertThat(login(email, TestUsers.PASSWORD).code()).isEqualTo("too_many_attempts");
	}

	private double redisErrors() {
		return this.meters.find("redis.errors").counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private Api.Response login(String email, String password) {
		return this.api.post("/auth/login", Api.body("email", email, "password", password));
	}

	private Api.Response login(String email, String password, String clientAddress) {
		return this.api.post("/auth/login", Api.body("email", email, "password", password),
				ViaGateway.from(clientAddress));
	}

	static JsonNode claims(String jwt) {
		String payload = jwt.split("\\.")[1];
		return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(payload));
	}

}
