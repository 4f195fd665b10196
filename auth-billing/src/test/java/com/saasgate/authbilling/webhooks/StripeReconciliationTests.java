package com.saasgate.authbilling.webhooks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.authbilling.billing.StripeFake;
import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.authbilling.support.TestServiceTokens;
import com.saasgate.devsupport.Parallel;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reconciliation against the WireMock Stripe: events Stripe lists that never arrived are stored once,
 * as the intake stores a delivery, with their JSON as Stripe sent it; known ones are left alone;
 * pages are followed; the job and the command share one cluster-wide lock.
 */
@IntegrationTest
class StripeReconciliationTests {

	private static final String[] OPS = TestServiceTokens.header("ops");

	private static final String RECONCILE = "/internal/stripe-events/reconcile";

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StripeReconciliation reconciliation;

	@Autowired
	StripeReconciliationJob job;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void stripe(DynamicPropertyRegistry registry) {
		registry.add("billing.stripe.api-base", StripeFake::baseUrl);
		registry.add("billing.stripe.secret-key", () -> "sk_test_not_a_real_key");
		registry.add("billing.stripe.timeout", () -> "5s");
		registry.add("billing.stripe.connect-timeout", () -> "1s");
		registry.add("billing.stripe.max-retries", () -> "0");
	}

	@BeforeEach
	void resetStripeAndLocks() {
		StripeFake.reset();
		releaseLocks();
	}

	@Test
	void reconcileWhenEventsMissedThenStoresThemOnce() {
		ObjectNode created = StripeEvents.fixture("customer.subscription.created");
		// A field stripe-java's models do not know, and a decimal a double would shorten: both kept.
		created.putObject("field_of_a_later_api_version").put("amount", new BigDecimal("12.50"));
		List<ObjectNode> events = List.of(created, StripeEvents.fixture("invoice.payment_failed"),
				StripeEvents.fixture("customer.subscription.trial_will_end"));
		stubPage(StripeFake.onGet(StripeFake.EVENTS), false, events);

		Api.Response first = reconcile("");

		assertResult(first, 3, 3, 0, 1, true);
		for (ObjectNode event : events) {
			assertStoredAsListed(event);
		}
		assertThat(this.jdbc.sql("SELECT payload #>> '{field_of_a_later_api_version,amount}' FROM stripe_events WHERE id = :id")
			.param("id", created.get("id").asString())
			.query(String.class)
			.single()).isEqualTo("12.50");
		assertThat(this.jdbc.sql("SELECT api_version IS NULL FROM stripe_events WHERE id = :id")
			.param("id", events.get(2).get("id").asString())
			.query(Boolean.class)
			.single()).as("trial_will_end is older than api_version").isTrue();

		Api.Response second = reconcile("");

		assertResult(second, 3, 0, 3, 1, true);
		assertThat(this.jdbc.sql("SELECT count(*) FROM stripe_events").query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void reconcileWhenEventAlreadyReceivedThenCountsItKnownAndLeavesItUntouched() {
		ObjectNode delivered = StripeEvents.fixture("invoice.paid");
		deliver(delivered);
		this.jdbc.sql("UPDATE stripe_events SET status = 'failed', attempts = 4, last_error = 'boom', applied_at = NULL"
				+ " WHERE id = :id")
			.param("id", delivered.get("id").asString())
			.update();
		ObjectNode listedAgain = delivered.deepCopy();
		listedAgain.put("pending_webhooks", 0);
		ObjectNode missed = StripeEvents.fixture("customer.subscription.deleted");
		stubPage(StripeFake.onGet(StripeFake.EVENTS), false, List.of(missed, listedAgain));

		Api.Response response = reconcile("");

		assertResult(response, 2, 1, 1, 1, true);
		Map<String, Object> kept = this.jdbc
			.sql("SELECT status, attempts, last_error, payload = CAST(:payload AS jsonb) AS same FROM stripe_events WHERE id = :id")
			.param("payload", StripeEvents.pretty(delivered))
			.param("id", delivered.get("id").asString())
			.query()
			.singleRow();
		assertThat(kept).containsEntry("status", "failed")
			.containsEntry("attempts", 4)
			.containsEntry("last_error", "boom")
			.containsEntry("same", true);
		assertStoredAsListed(missed);
	}

	@Test
	void reconcileWhenStripeHasMoreThenFollowsStartingAfterToTheLastPage() {
		List<ObjectNode> first = List.of(StripeEvents.fixture("customer.subscription.updated"),
				StripeEvents.fixture("invoice.paid"));
		List<ObjectNode> second = List.of(StripeEvents.fixture("customer.subscription.created"));
		String cursor = first.get(1).get("id").asString();
		stubPage(StripeFake.onGet(StripeFake.EVENTS).withQueryParam("starting_after", absent()), true, first);
		stubPage(StripeFake.onGet(StripeFake.EVENTS).withQueryParam("starting_after", equalTo(cursor)), false, second);

		Api.Response response = reconcile("");

		assertResult(response, 3, 3, 0, 2, true);
		List<LoggedRequest> requests = StripeFake.gets(StripeFake.EVENTS);
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).queryParameter("starting_after").firstValue()).isEqualTo(cursor);
		assertThat(requests.get(1).queryParameter("delivery_success").firstValue()).isEqualTo("false");
		assertStoredAsListed(second.get(0));
	}

	@Test
	void reconcileWhenRunThenAsksStripeForUndeliveredEventsOfTheWindow() {
		stubPage(StripeFake.onGet(StripeFake.EVENTS), false, List.of());

		assertResult(reconcile(""), 0, 0, 0, 1, true);

		LoggedRequest request = StripeFake.gets(StripeFake.EVENTS).get(0);
		assertThat(request.queryParameter("delivery_success").firstValue()).isEqualTo("false");
		assertThat(request.queryParameter("limit").firstValue()).isEqualTo("100");
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk_test_not_a_real_key");
		long gte = Long.parseLong(request.queryParameter("created[gte]").firstValue());
		long windowStart = Instant.now().minus(Duration.ofDays(3)).getEpochSecond();
		assertThat(gte).isCloseTo(windowStart, within(60L));
	}

	@Test
	void reconcileWhenSinceAndIncludeDeliveredGivenThenListsEveryEventFromThen() {
		stubPage(StripeFake.onGet(StripeFake.EVENTS), false, List.of());
		Instant since = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);

		assertResult(reconcile("?since=" + since + "&includeDelivered=true"), 0, 0, 0, 1, true);

		LoggedRequest request = StripeFake.gets(StripeFake.EVENTS).get(0);
		assertThat(request.queryParameter("created[gte]").firstValue()).isEqualTo(Long.toString(since.getEpochSecond()));
		assertThat(request.queryParameter("delivery_success").isPresent()).isFalse();
	}

	@Test
	void reconcileWhenSinceIsNotAnInstantWithinThirtyDaysThenInvalidRequest() {
		for (String since : List.of("yesterday", Instant.now().minus(Duration.ofDays(31)).toString(),
				Instant.now().plus(Duration.ofHours(1)).toString())) {
			Api.Response response = reconcile("?since=" + since);

			assertThat(response.status()).as(since + ": " + response).isEqualTo(400);
			assertThat(response.code()).isEqualTo("invalid_request");
		}
		Api.Response badFlag = reconcile("?includeDelivered=perhaps");
		assertThat(badFlag.status()).as(badFlag.toString()).isEqualTo(400);
		assertThat(StripeFake.gets(StripeFake.EVENTS)).isEmpty();
	}

	@Test
	void reconcileWhenMaxEventsReachedThenStopsAndSaysSo() {
		List<ObjectNode> first = List.of(StripeEvents.fixture("invoice.paid"), StripeEvents.fixture("invoice.paid"));
		List<ObjectNode> second = List.of(StripeEvents.fixture("invoice.paid"), StripeEvents.fixture("invoice.paid"));
		stubPage(StripeFake.onGet(StripeFake.EVENTS).withQueryParam("starting_after", absent()), true, first);
		stubPage(StripeFake.onGet(StripeFake.EVENTS)
			.withQueryParam("starting_after", equalTo(first.get(1).get("id").asString())), true, second);
		double limitReached = runs("limit_reached");

		ReconciliationResult result = this.reconciliation.reconcile(Instant.now().minus(Duration.ofDays(1)), false, 3);

		assertThat(result).isEqualTo(new ReconciliationResult(3, 3, 0, 0, 2, false));
		assertThat(runs("limit_reached")).isEqualTo(limitReached + 1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM stripe_events").query(Long.class).single()).isEqualTo(3);
		assertThat(StripeFake.gets(StripeFake.EVENTS)).hasSize(2);
	}

	@Test
	void reconcileWhenStripeFailsMidwayThenStripeUnavailableAndStoredEventsStay() {
		List<ObjectNode> first = List.of(StripeEvents.fixture("customer.subscription.updated"));
		stubPage(StripeFake.onGet(StripeFake.EVENTS).withQueryParam("starting_after", absent()), true, first);
		StripeFake.server()
			.stubFor(StripeFake.onGet(StripeFake.EVENTS)
				.withQueryParam("starting_after", equalTo(first.get(0).get("id").asString()))
				.willReturn(StripeFake.serverError()));
		double unavailable = runs("stripe_unavailable");

		Api.Response response = reconcile("");

		assertThat(response.status()).as(response.toString()).isEqualTo(502);
		assertThat(response.code()).isEqualTo("stripe_unavailable");
		assertStoredAsListed(first.get(0));
		assertThat(runs("stripe_unavailable")).isEqualTo(unavailable + 1);

		// Stripe rate limiting is the same 502; the stored event is simply known on the next run.
		StripeFake.reset();
		StripeFake.server().stubFor(StripeFake.onGet(StripeFake.EVENTS).willReturn(StripeFake.rateLimited()));
		assertThat(reconcile("").code()).isEqualTo("stripe_unavailable");
		StripeFake.reset();
		stubPage(StripeFake.onGet(StripeFake.EVENTS), false, first);
		assertResult(reconcile(""), 1, 0, 1, 1, true);
	}

	@Test
	void reconcileWhenTwoCommandsAtOnceThenOneRunsAndTheOtherConflicts() throws Exception {
		// The latency keeps the first run inside its lock while the second arrives.
		StripeFake.server()
			.stubFor(StripeFake.onGet(StripeFake.EVENTS)
				.willReturn(StripeFake.json(200, listAnswer(false, List.of(StripeEvents.fixture("invoice.paid"))))
					.withFixedDelay(1500)));

		List<Api.Response> responses = Parallel.run(2, () -> reconcile(""));

		assertThat(responses).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
		Api.Response conflict = responses.stream().filter((r) -> r.status() == 409).findFirst().orElseThrow();
		assertThat(conflict.code()).isEqualTo("reconciliation_running");
		assertThat(StripeFake.gets(StripeFake.EVENTS)).hasSize(1);
		assertThat(reconcile("").status()).as("the lock is free again").isEqualTo(200);
	}

	@Test
	void reconcileWhenNotCalledByOpsThenRefused() {
		Api.Response anonymous = this.api.post(RECONCILE, Map.of());
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.code()).isEqualTo("service_auth_required");
		Api.Response gateway = this.api.post(RECONCILE, Map.of(), TestServiceTokens.header("gateway"));
		assertThat(gateway.status()).isEqualTo(403);
		assertThat(gateway.code()).isEqualTo("service_forbidden");
		assertThat(StripeFake.gets(StripeFake.EVENTS)).isEmpty();
	}

	@Test
	void jobWhenRunTwiceAtOnceThenListsOnceUnderTheSharedLock() throws Exception {
		ObjectNode missed = StripeEvents.fixture("customer.subscription.updated");
		stubPage(StripeFake.onGet(StripeFake.EVENTS), false, List.of(missed));

		Parallel.run(2, () -> {
			this.job.run();
			return null;
		});

		assertThat(StripeFake.gets(StripeFake.EVENTS)).hasSize(1);
		assertStoredAsListed(missed);
		assertThat(this.jdbc.sql("SELECT count(*) FROM shedlock WHERE name = 'stripe-reconciliation' AND lock_until > now()")
			.query(Long.class)
			.single()).as("held for lockAtLeastFor").isEqualTo(1);
		Api.Response command = reconcile("");
		assertThat(command.status()).isEqualTo(409);
		assertThat(command.code()).isEqualTo("reconciliation_running");
	}

	@Test
	void jobWhenStripeFailsThenCountsAndTheNextRunRetries() {
		StripeFake.server().stubFor(StripeFake.onGet(StripeFake.EVENTS).willReturn(StripeFake.serverError()));
		double unavailable = runs("stripe_unavailable");

		this.job.run();

		assertThat(runs("stripe_unavailable")).isEqualTo(unavailable + 1);
		releaseLocks();
		ObjectNode missed = StripeEvents.fixture("invoice.payment_failed");
		StripeFake.reset();
		stubPage(StripeFake.onGet(StripeFake.EVENTS), false, List.of(missed));

		this.job.run();

		assertStoredAsListed(missed);
	}

	@Test
	void metricsWhenStartedThenEveryResultIsRegistered() {
		for (String result : List.of("completed", "limit_reached", "stripe_unavailable", "not_configured")) {
			assertThat(this.meters.find("stripe.reconciliation.runs").tag("result", result).counter()).as(result).isNotNull();
		}
		for (String result : List.of("stored", "already_known", "invalid")) {
			assertThat(this.meters.find("stripe.reconciliation.events").tag("result", result).counter()).as(result).isNotNull();
		}
	}

	/** Ends every held lock. Rows are never deleted: ShedLock remembers it created one and only updates it. */
	private void releaseLocks() {
		this.jdbc.sql("UPDATE shedlock SET lock_until = now()").update();
	}

	private Api.Response reconcile(String query) {
		return this.api.post(RECONCILE + query, Map.of(), OPS);
	}

	private static void assertResult(Api.Response response, int listed, int stored, int alreadyKnown, int pages,
			boolean complete) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		var json = response.json();
		assertThat(json.get("listed").asInt()).as("listed").isEqualTo(listed);
		assertThat(json.get("stored").asInt()).as("stored").isEqualTo(stored);
		assertThat(json.get("alreadyKnown").asInt()).as("alreadyKnown").isEqualTo(alreadyKnown);
		assertThat(json.get("pages").asInt()).as("pages").isEqualTo(pages);
		assertThat(json.get("complete").asBoolean()).as("complete").isEqualTo(complete);
	}

	/**
	 * Stored with the envelope's fields and the whole event as listed, and handed to the applier
	 * (which may have applied it, ignored it, or deferred it already).
	 */
	private void assertStoredAsListed(ObjectNode event) {
		Map<String, Object> row = this.jdbc.sql("""
				SELECT type, status, attempts, livemode, extract(epoch FROM created)::bigint AS created,
				       payload = CAST(:payload AS jsonb) AS same
				FROM stripe_events WHERE id = :id
				""").param("payload", StripeEvents.pretty(event)).param("id", event.get("id").asString()).query().singleRow();
		assertThat(row.get("status")).isIn("pending", "applied", "ignored");
		assertThat(row).containsEntry("type", event.get("type").asString())
			.containsEntry("livemode", event.get("livemode").asBoolean())
			.containsEntry("created", event.get("created").asLong())
			.containsEntry("same", true);
	}

	private void deliver(ObjectNode event) {
		String payload = StripeEvents.pretty(event);
		Api.Response response = this.api.postRaw("/billing/webhooks", payload.getBytes(StandardCharsets.UTF_8),
				"Stripe-Signature", StripeEvents.signature(payload, TestSecrets.STRIPE_WEBHOOK_SECRET, Instant.now()));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private static void stubPage(MappingBuilder request, boolean hasMore, List<ObjectNode> events) {
		StripeFake.server().stubFor(request.willReturn(StripeFake.json(200, listAnswer(hasMore, events))));
	}

	/** A page of {@code GET /v1/events} as Stripe writes one: pretty-printed, newest first. */
	private static String listAnswer(boolean hasMore, List<ObjectNode> events) {
		ObjectNode page = StripeEvents.JSON.createObjectNode();
		page.put("object", "list");
		ArrayNode data = page.putArray("data");
		events.forEach(data::add);
		page.put("has_more", hasMore);
		page.put("url", "/v1/events");
		return StripeEvents.pretty(page);
	}

	private double runs(String result) {
		return this.meters.get("stripe.reconciliation.runs").tag("result", result).counter().count();
	}

}
