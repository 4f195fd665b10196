package com.saasgate.authbilling.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.saasgate.authbilling.ops.JobOutages;
import com.saasgate.authbilling.email.MailOutbox;
import com.saasgate.authbilling.email.OutgoingMail;
import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestMail;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.security.Headers;
import com.saasgate.security.servicetoken.ServiceTokens;
import com.saasgate.devsupport.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message that keeps failing, or fails for good, is dead-lettered, counted and never retried by
 * itself; operators list it (without its payload) and put it back, and it is then delivered once.
 */
@IntegrationTest
class OutboxDeadLetterTests {

	@Autowired
	Api api;

	@Autowired
	OutboxRepository repository;

	@Autowired
	OutboxMetrics metrics;

	@Autowired
	OutboxRelay scheduledRelay;

	@Autowired
	MailOutbox mailOutbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcTemplate jdbc;

	OutboxRows rows;

	@BeforeEach
	void rows() {
		this.rows = new OutboxRows(this.jdbc);
	}

	@Test
	void relayWhenHandlerAlwaysFailsThenDeadLetteredAfterMaxAttemptsCountedAndNotRetried() {
		long id = this.rows.mailAhead("poison@example.com");
		MutableClock clock = OutboxRows.mutableClockAhead();
		OutboxRelay relay = failingRelay(clock, 3);
		double before = deadLetters(Outbox.EMAIL);

		List<OutboxRelay.Pass> passes = List.of(relay.runOnce(), advanced(clock, relay), advanced(clock, relay));

		assertThat(passes).extracting(OutboxRelay.Pass::retried).containsExactly(1, 1, 0);
		assertThat(passes).extracting(OutboxRelay.Pass::deadLettered).containsExactly(0, 0, 1);
		assertThat(deadLetters(Outbox.EMAIL)).isEqualTo(before + 1);
		assertThat(this.rows.row(id)).containsEntry("attempts", 3)
			.containsEntry("last_error", "handler exploded")
			.containsEntry("claim_token", null);
		assertThat(this.rows.row(id).get("dead_lettered_at")).isNotNull();
		clock.advance(Duration.ofDays(30));
		assertThat(relay.runOnce().claimed()).isZero();
		assertThat(this.rows.row(id)).containsEntry("attempts", 3);
	}

	@Test
	void relayWhenSmtpRefusesRecipientThenDeadLetteredAtOnceAndCounted() {
		String refused = TestMail.REFUSED_PREFIX + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		double before = deadLetters(Outbox.EMAIL);

		this.transactions.executeWithoutResult(
				(status) -> this.mailOutbox.enqueue(new OutgoingMail(refused, "Hello", "Open https://example.test/x")));

		await().atMost(Duration.ofSeconds(15)).until(() -> this.rows.count("dead_lettered_at IS NOT NULL") == 1);
		assertThat(this.jdbc.queryForObject("SELECT attempts FROM outbox", Integer.class)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT last_error FROM outbox", String.class)).contains("550");
		assertThat(deadLetters(Outbox.EMAIL)).isEqualTo(before + 1);
		assertThat(this.scheduledRelay.runOnce().claimed()).isZero();
		assertThat(TestMail.to(refused)).isEmpty();
	}

	@Test
	void retryWhenOperatorRetriesDeadLetterThenListedWithoutPayloadAndDeliveredOnce() {
		long id = this.rows.mailAhead("replayed@example.com");
		MutableClock clock = OutboxRows.mutableClockAhead();
		OutboxRelay relay = failingRelay(clock, 1);
		assertThat(relay.runOnce().deadLettered()).isEqualTo(1);

		Api.Response list = this.api.get("/internal/outbox/dead-letters", opsToken());

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		JsonNode deadLetter = list.json().get("deadLetters").get(0);
		assertThat(deadLetter.get("id").asLong()).isEqualTo(id);
		assertThat(deadLetter.get("topic").asString()).isEqualTo("email");
		assertThat(deadLetter.get("attempts").asInt()).isEqualTo(1);
		assertThat(deadLetter.get("lastError").asString()).isEqualTo("handler exploded");
		assertThat(deadLetter.has("createdAt")).isTrue();
		assertThat(deadLetter.has("deadLetteredAt")).isTrue();
		assertThat(deadLetter.has("payload")).isFalse();
		assertThat(new String(list.body())).doesNotContain("secret-link").doesNotContain("replayed@example.com");

		Api.Response retry = this.api.post("/internal/outbox/dead-letters/" + id + "/retry", Api.body(), opsToken());

		assertThat(retry.status()).as(retry.toString()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(15)).until(() -> this.rows.row(id).get("delivered_at") != null);
		assertThat(TestMail.to("replayed@example.com")).hasSize(1);
		assertThat(this.rows.row(id)).containsEntry("attempts", 1).containsEntry("dead_lettered_at", null);
		assertThat(this.api.get("/internal/outbox/dead-letters", opsToken()).json().get("deadLetters")).isEmpty();
	}

	@Test
	void retryWhenNoSuchDeadLetterThenNotFoundProblem() {
		long pending = this.rows.mailAhead("pending@example.com");

		Api.Response missing = this.api.post("/internal/outbox/dead-letters/987654/retry", Api.body(), opsToken());
		Api.Response notDead = this.api.post("/internal/outbox/dead-letters/" + pending + "/retry", Api.body(),
				opsToken());

		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.code()).isEqualTo("not_found");
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		assertThat(notDead.status()).isEqualTo(404);
		assertThat(notDead.code()).isEqualTo("not_found");
	}

	@Test
	void retryAllWhenSeveralDeadLettersThenAnswersHowManyAndAllAreDelivered() {
		this.rows.mailAhead("first@example.com");
		this.rows.mailAhead("second@example.com");
		OutboxRelay relay = failingRelay(OutboxRows.mutableClockAhead(), 1);
		assertThat(relay.runOnce().deadLettered()).isEqualTo(2);

		Api.Response retried = this.api.post("/internal/outbox/dead-letters/retry", Api.body(), opsToken());

		assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
		assertThat(retried.json().get("retried").asInt()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(15)).until(() -> this.rows.count("delivered_at IS NOT NULL") == 2);
		assertThat(TestMail.to("first@example.com")).hasSize(1);
		assertThat(TestMail.to("second@example.com")).hasSize(1);
	}

	@Test
	void deleteWhenOperatorDeletesDeadLetterThenGoneAndPendingRowsAreNot() {
		long dead = this.rows.mailAhead("deleted@example.com");
		failingRelay(OutboxRows.mutableClockAhead(), 1).runOnce();
		long pending = this.rows.mailAhead("kept@example.com");

		Api.Response deleted = this.api.send("DELETE", "/internal/outbox/dead-letters/" + dead, new byte[0], opsToken());
		Api.Response notDead = this.api.send("DELETE", "/internal/outbox/dead-letters/" + pending, new byte[0],
				opsToken());

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(notDead.status()).isEqualTo(404);
		assertThat(this.rows.count("true")).isEqualTo(1);
	}

	@Test
	void listWhenLimitOutOfRangeThenInvalidRequestProblem() {
		Api.Response response = this.api.get("/internal/outbox/dead-letters?limit=0", opsToken());

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("invalid_request");
	}

	private OutboxRelay.Pass advanced(MutableClock clock, OutboxRelay relay) {
		clock.advance(Duration.ofHours(2));
		return relay.runOnce();
	}

	private OutboxRelay failingRelay(Clock clock, int maxAttempts) {
		OutboxProperties properties = OutboxRows.properties(10, Duration.ofSeconds(1), Duration.ofMinutes(1),
				maxAttempts);
		OutboxHandler failing = OutboxClaimTests.handler((payload) -> {
			throw new IllegalStateException("handler exploded");
		});
		return new OutboxRelay(this.repository, OutboxHandlers.of(failing), properties, this.metrics, this.json, clock,
				new JobOutages());
	}

	private double deadLetters(String topic) {
		return this.meters.counter("outbox.dead.letters", "topic", topic).count();
	}

	/** The header the security configuration will require of {@code /internal/outbox/**}. */
	private static String[] opsToken() {
		String token = new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET, Clock.systemUTC()).issue("ops",
				"auth-billing", null, Duration.ofMinutes(1));
		return new String[] { Headers.SERVICE_TOKEN, token };
	}

}
