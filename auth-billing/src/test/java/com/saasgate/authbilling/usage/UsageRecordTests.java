package com.saasgate.authbilling.usage;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestServiceTokens;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.devsupport.Parallel;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /usage/record} and {@code /usage/record/batch}, {@code GET /usage/quota} and {@code /usage/summary}. */
@IntegrationTest
class UsageRecordTests {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	UsageFixtures usage;

	@BeforeEach
	void fixtures() {
		this.usage = new UsageFixtures(this.api, this.jdbc);
	}

	@Test
	void recordWhenFirstThenCreatedWithWhatIsLeft() {
		UUID user = this.usage.trialUser();

		Api.Response response = this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 1500), "k-1");

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode body = response.json();
		assertThat(body.get("recorded").asBoolean()).isTrue();
		assertThat(body.get("duplicate").asBoolean()).isFalse();
		assertThat(body.get("used").asLong()).isEqualTo(1500);
		assertThat(body.get("limit").asLong()).isEqualTo(100000);
		assertThat(body.get("remaining").asLong()).isEqualTo(98500);
		assertThat(Instant.parse(body.get("periodEnd").asString()))
			.isEqualTo(UsagePeriod.calendarMonth(Instant.now()).end());
		assertThat(this.usage.used(user, "llm_tokens")).isEqualTo(1500);
	}

	@Test
	void recordWhenSameKeyRepeatedThenDuplicateAnswersFirstAndCountsNothing() {
		UUID user = this.usage.trialUser();
		Map<String, Object> event = UsageFixtures.event(user, "llm_tokens", 10);
		Api.Response first = this.usage.record("intelligence", event, "same-key");
		this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 5), null);

		Api.Response again = this.usage.record("intelligence", event, "same-key");

		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(again.json().get("duplicate").asBoolean()).isTrue();
		assertThat(again.json().get("used").asLong()).isEqualTo(first.json().get("used").asLong()).isEqualTo(10);
		assertThat(this.usage.used(user, "llm_tokens")).isEqualTo(15);
		assertThat(this.usage.events(user)).isEqualTo(2);
	}

	@Test
	void recordWhenSameKeyRetriedConcurrentlyThenCountsOnce() throws Exception {
		UUID user = this.usage.trialUser();
		Map<String, Object> event = UsageFixtures.event(user, "llm_tokens", 7);

		List<Api.Response> answers = Parallel.run(20, () -> this.usage.record("intelligence", event, "retry-20"));

		assertThat(answers).extracting(Api.Response::status).containsOnly(200, 201);
		assertThat(answers).filteredOn((answer) -> answer.status() == 201).hasSize(1);
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.json().get("used").asLong()).isEqualTo(7));
		assertThat(this.usage.used(user, "llm_tokens")).isEqualTo(7);
		assertThat(this.usage.events(user)).isEqualTo(1);
	}

	@Test
	void recordWhenSameKeyDifferentBodyThenIdempotencyKeyReused() {
		UUID user = this.usage.trialUser();
		this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 10), "reused");

		Api.Response other = this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 11), "reused");
		Map<String, Object> withMetadata = UsageFixtures.event(user, "llm_tokens", 10);
		withMetadata.put("metadata", Map.of("model", "x"));
		Api.Response otherMetadata = this.usage.record("intelligence", withMetadata, "reused");

		assertProblem(other, 422, "idempotency_key_reused");
		assertProblem(otherMetadata, 422, "idempotency_key_reused");
		assertThat(this.usage.used(user, "llm_tokens")).isEqualTo(10);
	}

	@Test
	void recordWhenMetadataKeysReorderedThenSameRequest() {
		UUID user = this.usage.trialUser();
		Map<String, Object> first = UsageFixtures.event(user, "llm_tokens", 3);
		first.put("metadata", Map.of("model", "m", "route", "/chat"));
		this.usage.record("intelligence", first, "ordered");

		Api.Response again = this.usage.recordRaw("{\"metadata\":{\"route\":\"/chat\",\"model\":\"m\"},\"amount\":3,"
				+ "\"resourceType\":\"llm_tokens\",\"userId\":\"" + user + "\"}");
		Api.Response keyed = this.api.postRaw("/usage/record", ("{\"metadata\":{\"route\":\"/chat\",\"model\":\"m\"},"
				+ "\"amount\":3,\"resourceType\":\"llm_tokens\",\"userId\":\"" + user + "\"}").getBytes(),
				"X-Service-Token", TestServiceTokens.of("intelligence"), "Idempotency-Key", "ordered");

		assertThat(again.status()).isEqualTo(201);
		assertThat(keyed.status()).as(keyed.toString()).isEqualTo(200);
		assertThat(keyed.json().get("duplicate").asBoolean()).isTrue();
	}

	@Test
	void recordWhenSameKeyFromAnotherServiceThenIndependent() {
		UUID user = this.usage.trialUser();
		Map<String, Object> event = UsageFixtures.event(user, "llm_tokens", 4);

		Api.Response intelligence = this.usage.record("intelligence", event, "shared-key");
		Api.Response memory = this.usage.record("memory", event, "shared-key");

		assertThat(intelligence.status()).isEqualTo(201);
		assertThat(memory.status()).isEqualTo(201);
		assertThat(this.usage.used(user, "llm_tokens")).isEqualTo(8);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "1.5", "1e3", "1.0", "\"5\"", "9223372036854775808", "true", "null", "[]",
			"{}" })
	void recordWhenAmountNotAPositive64BitIntegerThenInvalidRequestAndNothingStored(String amount) {
		UUID user = this.usage.trialUser();

		Api.Response response = this.usage.recordRaw(
				"{\"userId\":\"" + user + "\",\"resourceType\":\"llm_tokens\",\"amount\":" + amount + "}");

		assertProblem(response, 400, "invalid_request");
		assertThat(this.usage.events(user)).isZero();
		assertThat(this.usage.used(user, "llm_tokens")).isZero();
	}

	@Test
	void recordWhenAmountIsLongMaxThenRecordedAndAnOverflowIsRefused() {
		UUID user = this.usage.trialUser();

		Api.Response max = this.usage.record("intelligence",
				UsageFixtures.event(user, "llm_tokens", BigInteger.valueOf(Long.MAX_VALUE)), null);
		Api.Response overflow = this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 1), null);

		assertThat(max.status()).as(max.toString()).isEqualTo(201);
		assertThat(max.json().get("remaining").asLong()).isZero();
		assertProblem(overflow, 400, "invalid_request");
		assertThat(this.usage.events(user)).isEqualTo(1);
		assertThat(this.usage.countersOutOfStep()).isZero();
	}

	@Test
	void recordWhenUserOrResourceUnknownThenInvalidRequest() {
		UUID user = this.usage.trialUser();

		assertProblem(this.usage.record("intelligence", UsageFixtures.event(UUID.randomUUID(), "llm_tokens", 1), "u"),
				400, "invalid_request");
		assertProblem(this.usage.record("intelligence", UsageFixtures.event(user, "gpu_hours", 1), null), 400,
				"invalid_request");
		assertProblem(this.usage.recordRaw("{\"userId\":\"not-a-uuid\",\"resourceType\":\"llm_tokens\",\"amount\":1}"),
				400, "invalid_request");
		assertProblem(this.usage.recordRaw("{\"userId\":\"" + user + "\",\"resourceType\":7,\"amount\":1}"), 400,
				"invalid_request");
		assertThat(this.usage.events(user)).isZero();
		// The key of the refused call was not kept: it can still be used.
		assertThat(this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 1), "u").status())
			.isEqualTo(201);
	}

	@Test
	void recordWhenMetadataNotAnObjectOrTooLargeThenInvalidRequest() {
		UUID user = this.usage.trialUser();
		Map<String, Object> list = UsageFixtures.event(user, "llm_tokens", 1);
		list.put("metadata", List.of(1, 2));
		Map<String, Object> large = UsageFixtures.event(user, "llm_tokens", 1);
		large.put("metadata", Map.of("blob", "x".repeat(4100)));
		Map<String, Object> fine = UsageFixtures.event(user, "llm_tokens", 1);
		fine.put("metadata", Map.of("model", "gpt", "tokens", Map.of("in", 1, "out", 2)));

		assertProblem(this.usage.record("intelligence", list, null), 400, "invalid_request");
		assertProblem(this.usage.record("intelligence", large, null), 400, "invalid_request");
		assertThat(this.usage.record("intelligence", fine, null).status()).isEqualTo(201);
		assertThat(this.jdbc.queryForObject("SELECT metadata->'tokens'->>'out' FROM usage_events WHERE user_id = ?",
				String.class, user)).isEqualTo("2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "with space" })
	void recordWhenIdempotencyKeyMalformedThenInvalidRequest(String key) {
		UUID user = this.usage.trialUser();

		assertProblem(this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 1), key), 400,
				"invalid_request");
		assertProblem(this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 1), "k".repeat(256)),
				400, "invalid_request");
	}

	@Test
	void recordWhenAboveQuotaThenStillRecordedAndRemainingStaysAtZero() {
		UUID user = this.usage.user("free_restricted", null);

		Api.Response within = this.usage.record("memory", UsageFixtures.event(user, "memory_storage", 8), null);
		Api.Response over = this.usage.record("memory", UsageFixtures.event(user, "memory_storage", 5), null);
		Api.Response quota = this.usage.quota("memory", user, "memory_storage");

		assertThat(within.json().get("remaining").asLong()).isEqualTo(2);
		assertThat(over.status()).isEqualTo(201);
		assertThat(over.json().get("used").asLong()).isEqualTo(13);
		assertThat(over.json().get("remaining").asLong()).isZero();
		assertThat(quota.json().get("allowed").asBoolean()).isFalse();
		assertThat(quota.json().get("used").asLong()).isEqualTo(13);
		assertThat(quota.json().get("limit").asLong()).isEqualTo(10);
	}

	@Test
	void quotaWhenNothingRecordedThenAllowedWithTheWholeLimit() {
		UUID user = this.usage.trialUser();

		Api.Response quota = this.usage.quota("gateway", user, "agent_minutes");

		assertThat(quota.status()).as(quota.toString()).isEqualTo(200);
		assertThat(quota.json().get("allowed").asBoolean()).isTrue();
		assertThat(quota.json().get("used").asLong()).isZero();
		assertThat(quota.json().get("remaining").asLong()).isEqualTo(60);
		assertProblem(this.usage.quota("gateway", user, "gpu_hours"), 400, "invalid_request");
		assertProblem(this.usage.quota("gateway", UUID.randomUUID(), "agent_minutes"), 400, "invalid_request");
	}

	@Test
	void quotaWhenTrialExpiredThenFreeRestrictedLimits() {
		UUID user = this.usage.user("free_trial", Instant.now().minus(1, ChronoUnit.HOURS));

		Api.Response quota = this.usage.quota("gateway", user, "llm_tokens");

		assertThat(quota.json().get("limit").asLong()).isEqualTo(10000);
	}

	@Test
	void batchWhenValidThenResultsInRequestOrderWithDuplicates() {
		UUID user = this.usage.trialUser();
		this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 100), "b-0");
		List<Map<String, Object>> events = new ArrayList<>();
		events.add(keyed(UsageFixtures.event(user, "llm_tokens", 100), "b-0"));
		events.add(keyed(UsageFixtures.event(user, "agent_minutes", 2), "b-1"));
		events.add(UsageFixtures.event(user, "llm_tokens", 50));
		events.add(keyed(UsageFixtures.event(user, "agent_minutes", 2), "b-1"));

		Api.Response response = this.api.post("/usage/record/batch", Map.of("events", events),
				TestServiceTokens.header("intelligence"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode results = response.json().get("results");
		assertThat(results).hasSize(4);
		assertThat(results.get(0).get("duplicate").asBoolean()).isTrue();
		assertThat(results.get(1).get("used").asLong()).isEqualTo(2);
		assertThat(results.get(2).get("used").asLong()).isEqualTo(150);
		assertThat(results.get(3).get("duplicate").asBoolean()).isTrue();
		assertThat(this.usage.used(user, "llm_tokens")).isEqualTo(150);
		assertThat(this.usage.used(user, "agent_minutes")).isEqualTo(2);
	}

	@Test
	void batchWhenAnyEventMalformedThenNothingApplied() {
		UUID user = this.usage.trialUser();
		List<Map<String, Object>> events = List.of(UsageFixtures.event(user, "llm_tokens", 5),
				UsageFixtures.event(user, "llm_tokens", 1.5));
		List<Map<String, Object>> unknownUser = List.of(UsageFixtures.event(user, "llm_tokens", 5),
				UsageFixtures.event(UUID.randomUUID(), "llm_tokens", 5));

		Api.Response malformed = this.api.post("/usage/record/batch", Map.of("events", events),
				TestServiceTokens.header("intelligence"));
		Api.Response unknown = this.api.post("/usage/record/batch", Map.of("events", unknownUser),
				TestServiceTokens.header("intelligence"));

		assertProblem(malformed, 400, "invalid_request");
		assertThat(malformed.json().get("detail").asString()).startsWith("events[1]");
		assertProblem(unknown, 400, "invalid_request");
		assertThat(this.usage.events(user)).isZero();
	}

	@Test
	void batchWhenKeyReusedWithAnotherBodyWithinOrAcrossBatchesThenIdempotencyKeyReusedAndNothingApplied() {
		UUID user = this.usage.trialUser();
		this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 1), "before");
		List<Map<String, Object>> within = List.of(keyed(UsageFixtures.event(user, "llm_tokens", 2), "twice"),
				keyed(UsageFixtures.event(user, "llm_tokens", 3), "twice"));
		List<Map<String, Object>> across = List.of(UsageFixtures.event(user, "llm_tokens", 2),
				keyed(UsageFixtures.event(user, "llm_tokens", 9), "before"));

		Api.Response first = this.api.post("/usage/record/batch", Map.of("events", within),
				TestServiceTokens.header("intelligence"));
		Api.Response second = this.api.post("/usage/record/batch", Map.of("events", across),
				TestServiceTokens.header("intelligence"));

		assertProblem(first, 422, "idempotency_key_reused");
		assertThat(first.json().get("detail").asString()).startsWith("events[1]");
		assertProblem(second, 422, "idempotency_key_reused");
		assertThat(this.usage.used(user, "llm_tokens")).isEqualTo(1);
		assertThat(this.usage.events(user)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM usage_idempotency_keys", Long.class)).isEqualTo(1);
	}

	@Test
	void batchWhenHoldsLiveThenRemainingAccountsForThem() {
		UUID user = this.usage.user("free_restricted", null);
		this.usage.reserve("intelligence", user, "agent_minutes", 4);

		Api.Response response = this.api.post("/usage/record/batch",
				Map.of("events", List.of(UsageFixtures.event(user, "agent_minutes", 3),
						UsageFixtures.event(user, "agent_minutes", 2))),
				TestServiceTokens.header("intelligence"));

		JsonNode results = response.json().get("results");
		assertThat(results.get(0).get("remaining").asLong()).isEqualTo(10 - 3 - 4);
		assertThat(results.get(1).get("remaining").asLong()).isEqualTo(10 - 5 - 4);
		assertThat(results.get(1).get("limit").asLong()).isEqualTo(10);
	}

	@Test
	void batchWhenEmptyOrTooLargeThenInvalidRequest() {
		UUID user = this.usage.trialUser();
		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			tooMany.add(UsageFixtures.event(user, "llm_tokens", 1));
		}

		assertProblem(this.api.post("/usage/record/batch", Map.of("events", List.of()),
				TestServiceTokens.header("intelligence")), 400, "invalid_request");
		assertProblem(this.api.post("/usage/record/batch", Map.of("events", tooMany),
				TestServiceTokens.header("intelligence")), 400, "invalid_request");
		assertThat(this.usage.events(user)).isZero();
	}

	@Test
	void recordWhenConcurrentMixedRunThenEveryCounterIsTheSumOfItsEvents() throws Exception {
		List<UUID> users = List.of(this.usage.trialUser(), this.usage.trialUser(), this.usage.trialUser());
		AtomicInteger calls = new AtomicInteger();

		Parallel.run(16, () -> {
			for (int i = 0; i < 10; i++) {
				int n = calls.incrementAndGet();
				UUID user = users.get(n % users.size());
				String type = (n % 2 == 0) ? "llm_tokens" : "agent_minutes";
				this.usage.record((n % 3 == 0) ? "memory" : "intelligence", UsageFixtures.event(user, type, n % 7 + 1),
						"mixed-" + (n % 40));
			}
			return null;
		});

		assertThat(this.usage.countersOutOfStep()).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM usage_counters", Long.class)).isPositive();
	}

	@Test
	void batchWhenConcurrentWithOppositeOrdersAndSingleRecordsThenAllApplied() throws Exception {
		UUID first = this.usage.trialUser();
		UUID second = this.usage.trialUser();
		AtomicInteger calls = new AtomicInteger();

		List<Integer> statuses = Parallel.run(12, () -> {
			int n = calls.incrementAndGet();
			if (n % 3 == 0) {
				return this.usage.record("intelligence", UsageFixtures.event(first, "llm_tokens", 1), "single-" + n)
					.status();
			}
			List<Map<String, Object>> events = new ArrayList<>(List.of(
					keyed(UsageFixtures.event(first, "llm_tokens", 1), "a-" + n),
					keyed(UsageFixtures.event(second, "llm_tokens", 1), "b-" + n)));
			if (n % 2 == 0) {
				java.util.Collections.reverse(events);
			}
			return this.api.post("/usage/record/batch", Map.of("events", events), TestServiceTokens.header("intelligence"))
				.status();
		});

		assertThat(statuses).containsOnly(200, 201);
		assertThat(this.usage.used(first, "llm_tokens") + this.usage.used(second, "llm_tokens")).isEqualTo(4 + 8 * 2);
		assertThat(this.usage.countersOutOfStep()).isZero();
	}

	@Test
	void recordWhenCountedThenUsageRecordsTotalByTypeAndResult() {
		UUID user = this.usage.trialUser();
		double recorded = count("llm_tokens", "recorded");
		double duplicate = count("llm_tokens", "duplicate");
		double rejected = count("unknown", "rejected");

		this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 1), "m-1");
		this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 1), "m-1");
		this.usage.record("intelligence", UsageFixtures.event(user, "made-up-" + System.nanoTime(), 1), null);

		assertThat(count("llm_tokens", "recorded")).isEqualTo(recorded + 1);
		assertThat(count("llm_tokens", "duplicate")).isEqualTo(duplicate + 1);
		assertThat(count("unknown", "rejected")).isEqualTo(rejected + 1);
		assertThat(this.meters.find("usage_records").counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTag("resourceType")).isIn("llm_tokens",
					"memory_storage", "agent_minutes", "unknown"));
		assertThat(this.meters.find("usage_records").tags("resourceType", "agent_minutes", "result", "rejected")
			.counter()).isNotNull();
	}

	@Test
	void internalEndpointsWhenUserTokenOrServiceNotAllowedThenRefused() {
		TestUsers.Session session = TestUsers.verifiedUser(this.api);
		UUID user = this.usage.trialUser();
		Map<String, Object> event = UsageFixtures.event(user, "llm_tokens", 1);

		assertProblem(this.api.post("/usage/record", event, Api.bearer(session.accessToken())), 401,
				"service_auth_required");
		assertProblem(this.api.post("/usage/record", event, "X-Service-Token", session.accessToken()), 401,
				"service_auth_required");
		assertProblem(this.usage.record("ops", event, null), 403, "service_forbidden");
		assertProblem(this.api.post("/usage/reserve", event, TestServiceTokens.header("ops")), 403,
				"service_forbidden");
		assertThat(this.usage.events(user)).isZero();
	}

	@Test
	void summaryWhenUserTokenThenEveryResourceOfTheCurrentPeriod() {
		TestUsers.Session session = TestUsers.verifiedUser(this.api);
		UUID user = UUID.fromString(
				this.api.get("/auth/me", Api.bearer(session.accessToken())).json().get("userId").asString());
		this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 250), null);

		Api.Response summary = this.api.get("/usage/summary", Api.bearer(session.accessToken()));

		assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
		JsonNode body = summary.json();
		UsagePeriod month = UsagePeriod.calendarMonth(Instant.now());
		assertThat(Instant.parse(body.get("periodStart").asString())).isEqualTo(month.start());
		assertThat(Instant.parse(body.get("periodEnd").asString())).isEqualTo(month.end());
		assertThat(body.get("tier").asString()).isEqualTo("free_trial");
		assertThat(body.get("resources")).hasSize(3);
		assertThat(body.get("resources").get(0).get("resourceType").asString()).isEqualTo("llm_tokens");
		assertThat(body.get("resources").get(0).get("used").asLong()).isEqualTo(250);
		assertThat(body.get("resources").get(0).get("remaining").asLong()).isEqualTo(99750);
		assertProblem(this.api.get("/usage/summary", TestServiceTokens.header("gateway")), 401,
				"authentication_required");
	}

	private static Map<String, Object> keyed(Map<String, Object> event, String key) {
		event.put("idempotencyKey", key);
		return event;
	}

	private double count(String resourceType, String result) {
		var counter = this.meters.find("usage_records").tags("resourceType", resourceType, "result", result).counter();
		return (counter != null) ? counter.count() : 0;
	}

	static void assertProblem(Api.Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.code()).as(response.toString()).isEqualTo(code);
	}

}
