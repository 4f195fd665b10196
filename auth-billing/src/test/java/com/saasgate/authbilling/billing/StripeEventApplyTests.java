package com.saasgate.authbilling.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import com.saasgate.authbilling.billing.StripeWebhookEvents.Customer;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestMail;
import com.saasgate.authbilling.webhooks.StripeEvents;
import com.saasgate.devsupport.Parallel;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored events change subscriptions and tiers once, in Stripe's order whatever the delivery order,
 * and what cannot be applied yet is retried, never dropped.
 */
@IntegrationTest
class StripeEventApplyTests extends BillingTestSupport {

	private static final long T = 1_764_000_000L;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PastDueGraceJob graceJob;

	StripeWebhookEvents stripe;

	@BeforeEach
	void events() {
		this.stripe = new StripeWebhookEvents(this.api, this.jdbc);
	}

	@Test
	void subscriptionUpdatedWhenActiveOnProPriceThenUserIsProAndTheChangeIsQueuedForTheGateway() {
		Customer customer = this.stripe.customer("free_trial");
		String sub = StripeWebhookEvents.newSubscriptionId();

		this.stripe.deliverAndAwait(this.stripe.subscription("customer.subscription.updated", customer, sub, "active",
				PRICE_PRO, T));

		assertThat(this.stripe.tier(customer)).isEqualTo("pro");
		Map<String, Object> change = this.jdbc.queryForMap(
				"SELECT old_tier, new_tier, source, reason FROM tier_changes WHERE user_id = ?", customer.userId());
		assertThat(change).containsEntry("old_tier", "free_trial")
			.containsEntry("new_tier", "pro")
			.containsEntry("source", "stripe_webhook");
		assertThat((String) change.get("reason")).contains("customer.subscription.updated").contains(sub);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox WHERE topic = 'user_tier_changed' AND payload->>'userId' = ?",
				Integer.class, customer.userId().toString())).isEqualTo(1);
		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT status, price_id, tier, current_period_end FROM subscriptions WHERE id = ?", sub);
		assertThat(row).containsEntry("status", "active").containsEntry("price_id", PRICE_PRO).containsEntry("tier", "pro");
		assertThat(row.get("current_period_end")).isNotNull();
	}

	@Test
	void subscriptionWhenDeliveredTenTimesAtOnceThenAppliedOnce() throws Exception {
		Customer customer = this.stripe.customer("free_trial");
		ObjectNode event = this.stripe.subscription("customer.subscription.created", customer,
				StripeWebhookEvents.newSubscriptionId(), "active", PRICE_BASIC, T);

		Parallel.run(10, () -> this.stripe.deliver(event));
		this.stripe.awaitStatus(event.get("id").asString(), "applied");

		assertThat(this.stripe.tier(customer)).isEqualTo("basic");
		assertThat(this.stripe.tierChanges(customer)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT attempts FROM stripe_events WHERE id = ?", Integer.class,
				event.get("id").asString())).isEqualTo(1);
	}

	@Test
	void subscriptionEventsWhenDeliveredInEveryOrderThenTheNewestStateWins() {
		List<List<String>> orders = List.of(List.of("created", "updated", "deleted"),
				List.of("created", "deleted", "updated"), List.of("updated", "created", "deleted"),
				List.of("updated", "deleted", "created"), List.of("deleted", "created", "updated"),
				List.of("deleted", "updated", "created"));
		for (List<String> order : orders) {
			Customer customer = this.stripe.customer("free_trial");
			String sub = StripeWebhookEvents.newSubscriptionId();
			Map<String, ObjectNode> events = Map.of(
					"created", this.stripe.subscription("customer.subscription.created", customer, sub, "active",
							PRICE_BASIC, T),
					"updated", this.stripe.subscription("customer.subscription.updated", customer, sub, "active",
							PRICE_PRO, T + 60),
					"deleted", this.stripe.subscription("customer.subscription.deleted", customer, sub, "canceled",
							PRICE_PRO, T + 120));

			order.forEach((name) -> this.stripe.deliverAndAwait(events.get(name)));

			assertThat(this.stripe.subscriptionStatus(sub)).as(order.toString()).isEqualTo("canceled");
			assertThat(this.jdbc.queryForObject("SELECT last_event_at FROM subscriptions WHERE id = ?",
					java.sql.Timestamp.class, sub).toInstant()).as(order.toString()).isEqualTo(Instant.ofEpochSecond(T + 120));
			// the user ends where the newest event leaves them, wherever the older ones took them meanwhile
			assertThat(this.stripe.tier(customer)).as(order.toString())
				.isEqualTo(order.get(0).equals("deleted") ? "free_trial" : "free_restricted");
		}
	}

	@Test
	void twoUpdatesWhenDeliveredInEitherOrderThenTheNewerOneHolds() {
		for (boolean newerFirst : new boolean[] { false, true }) {
			Customer customer = this.stripe.customer("free_trial");
			String sub = StripeWebhookEvents.newSubscriptionId();
			ObjectNode older = this.stripe.subscription("customer.subscription.updated", customer, sub, "active",
					PRICE_BASIC, T);
			ObjectNode newer = this.stripe.subscription("customer.subscription.updated", customer, sub, "active",
					PRICE_PRO, T + 1);

			List<ObjectNode> order = newerFirst ? List.of(newer, older) : List.of(older, newer);
			order.forEach(this.stripe::deliverAndAwait);

			assertThat(this.stripe.tier(customer)).as("newer first: " + newerFirst).isEqualTo("pro");
			assertThat(this.jdbc.queryForObject("SELECT price_id FROM subscriptions WHERE id = ?", String.class, sub))
				.isEqualTo(PRICE_PRO);
			assertThat(this.stripe.tierChanges(customer)).isEqualTo(newerFirst ? 1 : 2);
		}
	}

	@Test
	void deletedWhenANewerUpdatedArrivesThenTheSubscriptionStaysEnded() {
		Customer customer = this.stripe.customer("pro");
		String sub = StripeWebhookEvents.newSubscriptionId();
		this.stripe.deliverAndAwait(this.stripe.subscription("customer.subscription.deleted", customer, sub, "canceled",
				PRICE_PRO, T));

		this.stripe.deliverAndAwait(this.stripe.subscription("customer.subscription.updated", customer, sub, "active",
				PRICE_PRO, T + 30));

		assertThat(this.stripe.subscriptionStatus(sub)).isEqualTo("canceled");
		assertThat(this.stripe.tier(customer)).isEqualTo("free_restricted");
	}

	@Test
	void checkoutCompletedWhenUserHasNoCustomerYetThenLinksThemAndTheSubscriptionEventsFollow() {
		Customer customer = this.stripe.customer("free_trial");
		this.jdbc.update("UPDATE users SET stripe_customer_id = NULL WHERE id = ?", customer.userId());
		String sub = StripeWebhookEvents.newSubscriptionId();
		ObjectNode checkout = StripeEvents.checkoutSessionCompleted();
		ObjectNode session = (ObjectNode) checkout.get("data").get("object");
		session.put("client_reference_id", customer.userId().toString());
		session.put("customer", customer.customerId());
		session.put("subscription", sub);
		ObjectNode created = this.stripe.subscription("customer.subscription.created", customer, sub, "active",
				PRICE_PRO, T);
		((ObjectNode) created.get("data").get("object")).remove("metadata");

		this.stripe.deliverAndAwait(checkout);
		assertThat(storedCustomerId(customer)).isEqualTo(customer.customerId());
		assertThat(this.stripe.subscriptionStatus(sub)).isEqualTo("incomplete");
		this.stripe.deliverAndAwait(created);

		assertThat(this.stripe.subscriptionStatus(sub)).isEqualTo("active");
		assertThat(this.stripe.tier(customer)).isEqualTo("pro");
	}

	@Test
	void subscriptionWhenNoUserIsKnownYetThenRetriedWithBackoffUntilTheCheckoutLinksIt() {
		Customer customer = this.stripe.customer("free_trial");
		this.jdbc.update("UPDATE users SET stripe_customer_id = NULL WHERE id = ?", customer.userId());
		String sub = StripeWebhookEvents.newSubscriptionId();
		ObjectNode created = this.stripe.subscription("customer.subscription.created", customer, sub, "active",
				PRICE_BASIC, T);
		((ObjectNode) created.get("data").get("object")).remove("metadata");

		String id = this.stripe.deliver(created);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attempts(id) >= 1);
		Map<String, Object> deferred = this.jdbc.queryForMap(
				"SELECT status, last_error, next_attempt_at > now() AS later FROM stripe_events WHERE id = ?", id);
		assertThat(deferred).containsEntry("status", "pending").containsEntry("later", true);
		assertThat((String) deferred.get("last_error")).contains(customer.customerId());
		assertThat(this.stripe.tier(customer)).isEqualTo("free_trial");

		this.jdbc.update("UPDATE users SET stripe_customer_id = ? WHERE id = ?", customer.customerId(),
				customer.userId());

		this.stripe.awaitStatus(id, "applied");
		assertThat(this.stripe.tier(customer)).isEqualTo("basic");
	}

	@Test
	void eventWhenOutOfAttemptsThenFailedAndCountedNotDropped() {
		Customer nobody = new Customer(java.util.UUID.randomUUID(), "cus_nobodyatall00", "nobody@example.com");
		String id = this.stripe.deliver(this.stripe.subscription("customer.subscription.updated", nobody,
				StripeWebhookEvents.newSubscriptionId(), "active", PRICE_BASIC, T));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attempts(id) >= 1);
		double failedBefore = counter("customer.subscription.updated", "failed");

		this.jdbc.update("UPDATE stripe_events SET attempts = 19, next_attempt_at = now() WHERE id = ?", id);

		this.stripe.awaitStatus(id, "failed");
		assertThat(attempts(id)).isEqualTo(20);
		assertThat(counter("customer.subscription.updated", "failed")).isEqualTo(failedBefore + 1);
		assertThat(this.jdbc.queryForObject("SELECT last_error FROM stripe_events WHERE id = ?", String.class, id))
			.contains("cus_nobodyatall00");
	}

	@Test
	void trialWillEndWhenDeliveredTwiceThenOneMail() throws Exception {
		Customer customer = this.stripe.customer("pro");
		String sub = StripeWebhookEvents.newSubscriptionId();
		ObjectNode event = this.stripe.subscription("customer.subscription.trial_will_end", customer, sub, "trialing",
				PRICE_PRO, T);
		((ObjectNode) event.get("data").get("object")).put("trial_end", T + 3 * 86_400);

		this.stripe.deliverAndAwait(event);
		this.stripe.deliver(event);

		List<MimeMessage> mails = awaitMails(customer, 1);
		assertThat(mails.get(0).getSubject()).isEqualTo("Your trial ends on 27 November 2025");
	}

	@Test
	void paymentFailedThenOneMailAndThePaidTierHeldThroughTheGraceThenFreeRestricted() throws Exception {
		// the grace runs from Stripe's time of the past_due event, so this story happens now
		long T = Instant.now().getEpochSecond() - 120;
		Customer customer = this.stripe.customer("free_trial");
		String sub = StripeWebhookEvents.newSubscriptionId();
		this.stripe.deliverAndAwait(this.stripe.subscription("customer.subscription.created", customer, sub, "active",
				PRICE_PRO, T));

		ObjectNode failed = this.stripe.invoice("invoice.payment_failed", customer, sub, PRICE_PRO, T + 60);
		this.stripe.deliverAndAwait(failed);
		this.stripe.deliverAndAwait(this.stripe.subscription("customer.subscription.updated", customer, sub,
				"past_due", PRICE_PRO, T + 61));
		this.stripe.deliver(failed);

		List<MimeMessage> mails = awaitMails(customer, 1);
		assertThat(mails.get(0).getSubject()).isEqualTo("Your payment failed");
		assertThat(mails.get(0).getContent().toString()).contains("20.00 USD").contains("https://invoice.stripe.com/");
		assertThat(this.stripe.subscriptionStatus(sub)).isEqualTo("past_due");
		assertThat(this.graceJob.downgradeExpiredGraces()).isZero();
		assertThat(this.stripe.tier(customer)).isEqualTo("pro");

		this.jdbc.update("UPDATE subscriptions SET past_due_since = now() - interval '8 days' WHERE id = ?", sub);
		assertThat(this.graceJob.downgradeExpiredGraces()).isEqualTo(1);

		assertThat(this.stripe.tier(customer)).isEqualTo("free_restricted");
		assertThat(this.jdbc.queryForObject(
				"SELECT source FROM tier_changes WHERE user_id = ? AND new_tier = 'free_restricted'", String.class,
				customer.userId())).isEqualTo("payment_grace");
		assertThat(this.graceJob.downgradeExpiredGraces()).isZero();
	}

	@Test
	void invoicePaidWhenSubscriptionPastDueThenActiveAndPaidTierAgain() {
		Customer customer = this.stripe.customer("free_trial");
		String sub = StripeWebhookEvents.newSubscriptionId();
		this.stripe.deliverAndAwait(this.stripe.subscription("customer.subscription.updated", customer, sub, "past_due",
				PRICE_BASIC, T));
		this.jdbc.update("UPDATE subscriptions SET past_due_since = now() - interval '8 days' WHERE id = ?", sub);
		this.graceJob.downgradeExpiredGraces();
		assertThat(this.stripe.tier(customer)).isEqualTo("free_restricted");

		this.stripe.deliverAndAwait(this.stripe.invoice("invoice.paid", customer, sub, PRICE_BASIC, T + 60));

		assertThat(this.stripe.subscriptionStatus(sub)).isEqualTo("active");
		assertThat(this.stripe.tier(customer)).isEqualTo("basic");
	}

	@Test
	void invoicePaidWhenOlderThanWhatTheSubscriptionHoldsThenNothingChanges() {
		Customer customer = this.stripe.customer("free_trial");
		String sub = StripeWebhookEvents.newSubscriptionId();
		this.stripe.deliverAndAwait(this.stripe.subscription("customer.subscription.updated", customer, sub, "past_due",
				PRICE_BASIC, T + 60));

		this.stripe.deliverAndAwait(this.stripe.invoice("invoice.paid", customer, sub, PRICE_BASIC, T));

		assertThat(this.stripe.subscriptionStatus(sub)).isEqualTo("past_due");
	}

	@Test
	void subscriptionWhenPriceBelongsToNoTierThenTierUnchangedAndCounted() {
		Customer customer = this.stripe.customer("free_trial");
		double before = this.meters.counter("stripe.unknown.price").count();

		this.stripe.deliverAndAwait(this.stripe.subscription("customer.subscription.created", customer,
				StripeWebhookEvents.newSubscriptionId(), "active", "price_someone_elses", T));

		assertThat(this.stripe.tier(customer)).isEqualTo("free_trial");
		assertThat(this.meters.counter("stripe.unknown.price").count()).isGreaterThan(before);
	}

	@Test
	void subscriptionWhenInCloverShapeThenPeriodsReadFromItsItem() {
		Customer customer = this.stripe.customer("free_trial");
		String sub = StripeWebhookEvents.newSubscriptionId();
		ObjectNode event = this.stripe.subscription("customer.subscription.updated", customer, sub, "active", PRICE_PRO,
				T);
		event.put("api_version", "2025-11-17.clover");
		ObjectNode object = (ObjectNode) event.get("data").get("object");
		object.remove(List.of("current_period_start", "current_period_end", "plan"));
		ObjectNode item = (ObjectNode) object.get("items").get("data").get(0);
		item.remove("plan");
		item.put("current_period_start", T);
		item.put("current_period_end", T + 30 * 86_400);

		this.stripe.deliverAndAwait(event);

		assertThat(this.jdbc.queryForObject("SELECT current_period_end FROM subscriptions WHERE id = ?",
				java.sql.Timestamp.class, sub).toInstant()).isEqualTo(Instant.ofEpochSecond(T + 30 * 86_400));
		assertThat(this.stripe.tier(customer)).isEqualTo("pro");
	}

	@Test
	void reconcileWhenAnUpdateNeverArrivedThenItIsFetchedAndApplied() {
		Customer customer = this.stripe.customer("free_trial");
		ObjectNode missed = this.stripe.subscription("customer.subscription.updated", customer,
				StripeWebhookEvents.newSubscriptionId(), "active", PRICE_PRO, T);
		ObjectNode page = StripeEvents.JSON.createObjectNode();
		page.put("object", "list");
		page.putArray("data").add(missed);
		page.put("has_more", false);
		page.put("url", StripeFake.EVENTS);
		StripeFake.server().stubFor(StripeFake.onGet(StripeFake.EVENTS).willReturn(StripeFake.json(200,
				StripeEvents.pretty(page))));

		var response = this.api.post("/internal/stripe-events/reconcile", Map.of(),
				com.saasgate.authbilling.support.TestServiceTokens.header("ops"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("stored").asInt()).isEqualTo(1);
		this.stripe.awaitStatus(missed.get("id").asString(), "applied");
		assertThat(this.stripe.tier(customer)).isEqualTo("pro");
	}

	@Test
	void eventWhenTypeUnhandledThenStoredAndIgnored() {
		ObjectNode event = StripeEvents.fixture("invoice.payment_succeeded");
		event.put("type", "customer.tax_id.created");

		String id = this.stripe.deliverAndAwait(event);

		assertThat(this.stripe.status(id)).isEqualTo("ignored");
	}

	private List<MimeMessage> awaitMails(Customer customer, int count) {
		List<MimeMessage> mails = new ArrayList<>();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			mails.clear();
			mails.addAll(TestMail.to(customer.email()));
			return mails.size() >= count;
		});
		// and no more come: the outbox has nothing left for this user
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox WHERE topic = 'email' AND delivered_at IS NULL", Integer.class) == 0);
		assertThat(TestMail.to(customer.email())).hasSize(count);
		return mails;
	}

	private int attempts(String id) {
		return this.jdbc.queryForObject("SELECT attempts FROM stripe_events WHERE id = ?", Integer.class, id);
	}

	private double counter(String type, String status) {
		var counter = this.meters.find("stripe.webhook").tag("type", type).tag("status", status).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private String storedCustomerId(Customer customer) {
		return this.jdbc.queryForObject("SELECT stripe_customer_id FROM users WHERE id = ?", String.class,
				customer.userId());
	}

}
