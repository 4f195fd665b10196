package com.saasgate.authbilling.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestServiceTokens;
import com.saasgate.devsupport.Parallel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.saasgate.authbilling.usage.UsageRecordTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /usage/reserve} and the commit and release of a reservation. */
@IntegrationTest
class UsageReservationTests {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UsageJobs jobs;

	UsageFixtures usage;

	@BeforeEach
	void fixtures() {
		this.usage = new UsageFixtures(this.api, this.jdbc);
	}

	@Test
	void reserveWhenFitsThenHeldAndRemainingAccountsForIt() {
		UUID user = this.usage.trialUser();

		Api.Response reserved = this.usage.reserve("intelligence", user, "llm_tokens", 4000);
		Api.Response quota = this.usage.quota("intelligence", user, "llm_tokens");

		assertThat(reserved.status()).as(reserved.toString()).isEqualTo(201);
		assertThat(reserved.json().get("amount").asLong()).isEqualTo(4000);
		assertThat(reserved.json().get("remaining").asLong()).isEqualTo(96000);
		Instant expiresAt = Instant.parse(reserved.json().get("expiresAt").asString());
		assertThat(expiresAt).isBetween(Instant.now().plusSeconds(290), Instant.now().plusSeconds(301));
		assertThat(quota.json().get("used").asLong()).isZero();
		assertThat(quota.json().get("remaining").asLong()).isEqualTo(96000);
		assertThat(this.usage.events(user)).isZero();
	}

	@Test
	void reserveWhenManyInParallelThenNeverMoreThanTheQuotaHeld() throws Exception {
		// free_restricted: 10 minutes of agent_minutes; holds of 2 fit five times.
		UUID user = this.usage.user("free_restricted", null);

		List<Api.Response> answers = Parallel.run(50, () -> this.usage.reserve("intelligence", user, "agent_minutes", 2));

		assertThat(answers).filteredOn((answer) -> answer.status() == 201).hasSize(5);
		assertThat(answers).filteredOn((answer) -> answer.status() == 409)
			.hasSize(45)
			.allSatisfy((answer) -> assertThat(answer.code()).isEqualTo("quota_exceeded"));
		assertThat(this.jdbc.queryForObject("SELECT SUM(amount) FROM usage_reservations WHERE user_id = ?", Long.class,
				user)).isEqualTo(10);
		assertThat(this.usage.quota("intelligence", user, "agent_minutes").json().get("allowed").asBoolean()).isFalse();
	}

	@Test
	void reserveWhenItWouldNotFitThenQuotaExceededAndNothingHeld() {
		UUID user = this.usage.user("free_restricted", null);
		this.usage.record("intelligence", UsageFixtures.event(user, "agent_minutes", 7), null);

		Api.Response refused = this.usage.reserve("intelligence", user, "agent_minutes", 4);

		assertProblem(refused, 409, "quota_exceeded");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM usage_reservations", Long.class)).isZero();
		assertThat(this.usage.reserve("intelligence", user, "agent_minutes", 3).status()).isEqualTo(201);
	}

	@Test
	void reserveWhenInputInvalidThenInvalidRequest() {
		UUID user = this.usage.trialUser();

		assertProblem(this.usage.reserve("intelligence", user, "llm_tokens", 0), 400, "invalid_request");
		assertProblem(this.usage.reserve("intelligence", user, "llm_tokens", 1, "ttlSeconds", "3601"), 400,
				"invalid_request");
		assertProblem(this.usage.reserve("intelligence", user, "llm_tokens", 1, "ttlSeconds", "0"), 400,
				"invalid_request");
		assertProblem(this.usage.reserve("intelligence", UUID.randomUUID(), "llm_tokens", 1), 400, "invalid_request");
		assertProblem(this.usage.reserve("intelligence", user, "gpu_hours", 1), 400, "invalid_request");
		assertThat(this.usage.reserve("intelligence", user, "llm_tokens", 1, "ttlSeconds", "3600").status())
			.isEqualTo(201);
	}

	@Test
	void reserveWhenSameKeyRepeatedThenSameReservation() {
		UUID user = this.usage.trialUser();
		Map<String, Object> body = UsageFixtures.event(user, "llm_tokens", 100);
		String[] token = TestServiceTokens.header("intelligence");

		Api.Response first = this.api.post("/usage/reserve", body, token[0], token[1], "Idempotency-Key", "r-1");
		Api.Response again = this.api.post("/usage/reserve", body, token[0], token[1], "Idempotency-Key", "r-1");
		Api.Response other = this.api.post("/usage/reserve", UsageFixtures.event(user, "llm_tokens", 101), token[0],
				token[1], "Idempotency-Key", "r-1");

		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("reservationId")).isEqualTo(first.json().get("reservationId"));
		assertProblem(other, 422, "idempotency_key_reused");
		assertThat(this.usage.quota("intelligence", user, "llm_tokens").json().get("remaining").asLong())
			.isEqualTo(99900);
	}

	@Test
	void reserveWhenSameKeyRetriedConcurrentlyThenOneHold() throws Exception {
		UUID user = this.usage.trialUser();
		Map<String, Object> body = UsageFixtures.event(user, "llm_tokens", 100);
		String[] token = TestServiceTokens.header("intelligence");

		List<Api.Response> answers = Parallel.run(10,
				() -> this.api.post("/usage/reserve", body, token[0], token[1], "Idempotency-Key", "r-parallel"));

		assertThat(answers).filteredOn((answer) -> answer.status() == 201).hasSize(1);
		assertThat(answers).extracting((answer) -> answer.json().get("reservationId").asString()).containsOnly(
				answers.get(0).json().get("reservationId").asString());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM usage_reservations WHERE user_id = ?", Long.class,
				user)).isEqualTo(1);
	}

	@Test
	void commitWhenSentConcurrentlyThenRecordedOnceAndAllAnswerTheSame() throws Exception {
		UUID user = this.usage.trialUser();
		String id = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 50));

		List<Api.Response> answers = Parallel.run(10, () -> this.usage.commit("intelligence", id, 40));

		assertThat(answers).extracting(Api.Response::status).containsOnly(200);
		assertThat(answers).extracting((answer) -> answer.json().get("used").asLong()).containsOnly(40L);
		assertThat(this.usage.events(user)).isEqualTo(1);
		assertThat(state(id)).isEqualTo("committed");
	}

	@Test
	void commitWhenLessMoreOrNothingThenRecordsTheActualAmountAndDropsTheHold() {
		UUID user = this.usage.trialUser();
		String less = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 1000));
		String more = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 1000));
		String none = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 1000));

		Api.Response lessCommit = this.usage.commit("intelligence", less, 400);
		Api.Response moreCommit = this.usage.commit("intelligence", more, 2500);
		Api.Response noneCommit = this.usage.commit("intelligence", none, 0);

		assertThat(lessCommit.status()).as(lessCommit.toString()).isEqualTo(200);
		assertThat(lessCommit.json().get("recorded").asBoolean()).isTrue();
		assertThat(lessCommit.json().get("used").asLong()).isEqualTo(400);
		assertThat(lessCommit.json().get("remaining").asLong()).isEqualTo(100000 - 400 - 2000);
		assertThat(moreCommit.json().get("used").asLong()).isEqualTo(2900);
		assertThat(moreCommit.json().get("remaining").asLong()).isEqualTo(100000 - 2900 - 1000);
		assertThat(noneCommit.json().get("used").asLong()).isEqualTo(2900);
		assertThat(noneCommit.json().get("remaining").asLong()).isEqualTo(100000 - 2900);
		assertThat(this.usage.events(user)).isEqualTo(3);
		assertThat(this.usage.countersOutOfStep()).isZero();
	}

	@Test
	void commitWhenRepeatedThenAnswersTheFirstAndRecordsOnce() {
		UUID user = this.usage.trialUser();
		String id = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 50));

		Api.Response first = this.usage.commit("intelligence", id, 30);
		Api.Response second = this.usage.commit("intelligence", id, 45);

		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json()).isEqualTo(first.json());
		assertThat(this.usage.used(user, "llm_tokens")).isEqualTo(30);
		assertThat(this.usage.events(user)).isEqualTo(1);
	}

	@Test
	void commitWhenAmountInvalidThenInvalidRequestAndStillHeld() {
		UUID user = this.usage.trialUser();
		String id = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 50));

		assertProblem(this.usage.commit("intelligence", id, -1), 400, "invalid_request");
		assertProblem(this.usage.commit("intelligence", id, 1.5), 400, "invalid_request");
		assertProblem(this.usage.commit("intelligence", id, "5"), 400, "invalid_request");
		assertThat(this.usage.commit("intelligence", id, 5).status()).isEqualTo(200);
	}

	@Test
	void releaseWhenHeldThenTheHoldIsDroppedAndCommitRefused() {
		UUID user = this.usage.trialUser();
		String id = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 5000));

		Api.Response released = this.usage.release("intelligence", id);
		Api.Response again = this.usage.release("intelligence", id);

		assertThat(released.status()).isEqualTo(204);
		assertThat(again.status()).isEqualTo(204);
		assertThat(this.usage.quota("intelligence", user, "llm_tokens").json().get("remaining").asLong())
			.isEqualTo(100000);
		assertProblem(this.usage.commit("intelligence", id, 1), 409, "reservation_released");
		assertThat(this.usage.events(user)).isZero();
	}

	@Test
	void reservationWhenExpiredThenStopsCountingAtOnceAndCommitIsRefused() {
		UUID user = this.usage.user("free_restricted", null);
		String id = reservationId(this.usage.reserve("intelligence", user, "agent_minutes", 10));
		assertProblem(this.usage.reserve("intelligence", user, "agent_minutes", 1), 409, "quota_exceeded");

		expire(id);

		assertThat(this.usage.quota("intelligence", user, "agent_minutes").json().get("remaining").asLong())
			.isEqualTo(10);
		assertProblem(this.usage.commit("intelligence", id, 3), 409, "reservation_expired");
		assertThat(this.usage.reserve("intelligence", user, "agent_minutes", 10).status()).isEqualTo(201);
		assertThat(this.usage.release("intelligence", id).status()).isEqualTo(204);
		assertThat(this.usage.events(user)).isZero();
	}

	@Test
	void sweepWhenHoldsExpiredThenMarkedExpiredAndLiveOnesKept() {
		UUID user = this.usage.trialUser();
		String expired = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 10));
		String live = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 10));
		expire(expired);

		assertThat(this.jobs.sweep()).isGreaterThanOrEqualTo(1);

		assertThat(state(expired)).isEqualTo("expired");
		assertThat(state(live)).isEqualTo("held");
		assertProblem(this.usage.commit("intelligence", expired, 1), 409, "reservation_expired");
	}

	@Test
	void reservationWhenAnotherServiceThenNotFound() {
		UUID user = this.usage.trialUser();
		String id = reservationId(this.usage.reserve("intelligence", user, "llm_tokens", 10));

		assertProblem(this.usage.commit("memory", id, 1), 404, "not_found");
		assertProblem(this.usage.release("memory", id), 404, "not_found");
		assertProblem(this.usage.commit("intelligence", UUID.randomUUID(), 1), 404, "not_found");
		assertProblem(this.usage.release("intelligence", "not-a-uuid"), 404, "not_found");
		assertThat(state(id)).isEqualTo("held");
	}

	private void expire(String id) {
		this.jdbc.update("UPDATE usage_reservations SET created_at = now() - interval '2 hours',"
				+ " expires_at = now() - interval '1 second' WHERE id = ?::uuid", id);
	}

	private String state(String id) {
		return this.jdbc.queryForObject("SELECT state FROM usage_reservations WHERE id = ?::uuid", String.class, id);
	}

	private static String reservationId(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().get("reservationId").asString();
	}

}
