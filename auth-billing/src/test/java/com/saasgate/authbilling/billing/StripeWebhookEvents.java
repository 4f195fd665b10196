package com.saasgate.authbilling.billing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import tools.jackson.databind.node.ObjectNode;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.authbilling.webhooks.StripeEvents;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe events about test users, built from the real fixtures, delivered signed to the webhook
 * endpoint, and waited for until the applier is done with them.
 */
final class StripeWebhookEvents {

	private final Api api;

	private final JdbcTemplate jdbc;

	StripeWebhookEvents(Api api, JdbcTemplate jdbc) {
		this.api = api;
		this.jdbc = jdbc;
	}

	/** A user inserted as registration leaves one, with a Stripe customer of their own. */
	Customer customer(String tier) {
		UUID id = UUID.randomUUID();
		String customer = "cus_" + id.toString().replace("-", "").substring(0, 14);
		this.jdbc.update("""
				INSERT INTO users (id, email, password_hash, subscription_tier, trial_ends_at, email_verified_at,
				    stripe_customer_id)
				VALUES (?, ?, 'not-a-hash', ?, now() + interval '7 days', now(), ?)
				""", id, "u" + id + "@example.com", tier, customer);
		return new Customer(id, customer, "u" + id + "@example.com");
	}

	/** A {@code customer.subscription.*} event of {@code subscription} at {@code created}. */
	ObjectNode subscription(String type, Customer customer, String subscription, String status, String price,
			long created) {
		ObjectNode event = StripeEvents.fixture(type);
		event.put("created", created);
		ObjectNode object = (ObjectNode) event.get("data").get("object");
		object.put("id", subscription);
		object.put("customer", customer.customerId());
		object.put("status", status);
		object.put("created", created - 100);
		object.putObject("metadata").put("userId", customer.userId().toString());
		object.put("canceled_at", "canceled".equals(status) ? created : null);
		// older fixtures have the plan on the subscription and on its item, newer ones a price too
		for (ObjectNode holder : List.of(object, (ObjectNode) object.get("items").get("data").get(0))) {
			for (String field : List.of("plan", "price")) {
				if (holder.get(field) instanceof ObjectNode node) {
					node.put("id", price);
				}
			}
		}
		return event;
	}

	/** An {@code invoice.*} event of {@code subscription} at {@code created}. */
	ObjectNode invoice(String type, Customer customer, String subscription, String price, long created) {
		ObjectNode event = StripeEvents.fixture(type);
		event.put("created", created);
		ObjectNode object = (ObjectNode) event.get("data").get("object");
		object.put("customer", customer.customerId());
		object.put("subscription", subscription);
		ObjectNode line = (ObjectNode) object.get("lines").get("data").get(0);
		((ObjectNode) line.get("price")).put("id", price);
		return event;
	}

	/** Posts the event signed, as Stripe does, and answers its id once the intake said 200. */
	String deliver(ObjectNode event) {
		String payload = StripeEvents.pretty(event);
		Api.Response response = this.api.postRaw("/billing/webhooks", payload.getBytes(StandardCharsets.UTF_8),
				"Stripe-Signature", StripeEvents.signature(payload, TestSecrets.STRIPE_WEBHOOK_SECRET, Instant.now()));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return event.get("id").asString();
	}

	/** Delivers the event and waits until the applier applied (or ignored) it. */
	String deliverAndAwait(ObjectNode event) {
		String id = deliver(event);
		awaitStatus(id, "applied", "ignored");
		return id;
	}

	void awaitStatus(String eventId, String... statuses) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> java.util.List.of(statuses).contains(status(eventId)));
	}

	String status(String eventId) {
		return this.jdbc.queryForObject("SELECT status FROM stripe_events WHERE id = ?", String.class, eventId);
	}

	String tier(Customer customer) {
		return this.jdbc.queryForObject("SELECT subscription_tier FROM users WHERE id = ?", String.class,
				customer.userId());
	}

	String subscriptionStatus(String subscription) {
		return this.jdbc.queryForObject("SELECT status FROM subscriptions WHERE id = ?", String.class, subscription);
	}

	int tierChanges(Customer customer) {
		return this.jdbc.queryForObject("SELECT count(*) FROM tier_changes WHERE user_id = ?", Integer.class,
				customer.userId());
	}

	static String newSubscriptionId() {
		return "sub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
	}

	record Customer(UUID userId, String customerId, String email) {
	}

}
