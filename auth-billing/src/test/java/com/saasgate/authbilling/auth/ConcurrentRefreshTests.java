package com.saasgate.authbilling.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.TestUsers.Session;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With the reuse grace off, a refresh token raced from many clients is a replay: exactly one wins. */
@IntegrationTest
@TestPropertySource(properties = "auth.refresh-reuse-grace=0s")
class ConcurrentRefreshTests {

	private static final int RACERS = 8;

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@RepeatedTest(3)
	void refreshWhenSameTokenRacedThenOneWinsAndReplayRevokesWholeFamily() throws Exception {
		Session session = TestUsers.verifiedUser(this.api);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> results = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(RACERS);
		try {
			for (int i = 0; i < RACERS; i++) {
				Callable<Api.Response> racer = () -> {
					start.await();
					return this.api.post("/auth/refresh", Api.body("refreshToken", session.refreshToken()));
				};
				results.add(pool.submit(racer));
			}
			start.countDown();
			List<Api.Response> responses = new ArrayList<>();
			for (Future<Api.Response> result : results) {
				responses.add(result.get());
			}

			List<Api.Response> winners = responses.stream().filter((r) -> r.status() == 200).toList();
			assertThat(winners).hasSize(1);
			assertThat(responses).filteredOn((r) -> r.status() == 401)
				.hasSize(RACERS - 1)
				.allSatisfy((r) -> assertThat(r.code()).isEqualTo("token_reused"));
			String winnersToken = winners.get(0).json().get("refreshToken").asString();
			assertThat(this.api.post("/auth/refresh", Api.body("refreshToken", winnersToken)).status()).isEqualTo(401);
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id "
							+ "WHERE f.revoked_at IS NULL",
					Integer.class)).isZero();
		}
		finally {
			pool.shutdownNow();
		}
	}

}
