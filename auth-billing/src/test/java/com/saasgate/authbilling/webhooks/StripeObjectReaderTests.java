package com.saasgate.authbilling.webhooks;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applier's fields from Stripe's real payloads (API version 2020-08-27 fixtures) and from the
 * same objects moved into the 2025 shape ({@code 2025-11-17.clover}: periods on the items, an invoice's
 * subscription under {@code parent.subscription_details}).
 */
class StripeObjectReaderTests {

	@Test
	void readWhenOldSubscriptionShapeThenPeriodsAndPlanFromTheSubscription() {
		ObjectNode event = StripeEvents.fixture("customer.subscription.updated");
		object(event).set("metadata", StripeEvents.JSON.createObjectNode().put("userId", "user-1"));

		StripeObjectFields fields = StripeObjectReader.read(event);

		assertThat(fields.eventId()).isEqualTo(event.get("id").asString());
		assertThat(fields.type()).isEqualTo("customer.subscription.updated");
		assertThat(fields.created()).isEqualTo(Instant.ofEpochSecond(event.get("created").asLong()));
		assertThat(fields.objectType()).isEqualTo("subscription");
		assertThat(fields.subscriptionId()).isEqualTo("sub_000000000000000000000000");
		assertThat(fields.customerId()).isEqualTo("cus_00000000000000");
		assertThat(fields.status()).isEqualTo("active");
		assertThat(fields.priceId()).isEqualTo("price_000000000000000000000000");
		assertThat(fields.currentPeriodStart()).isEqualTo(Instant.ofEpochSecond(1648320105));
		assertThat(fields.currentPeriodEnd()).isEqualTo(Instant.ofEpochSecond(1650998505));
		assertThat(fields.cancelAtPeriodEnd()).isFalse();
		assertThat(fields.userId()).isEqualTo("user-1");
		assertThat(fields.clientReferenceId()).isNull();
	}

	@Test
	void readWhenCloverSubscriptionShapeThenPeriodsAndPriceFromTheFirstItem() {
		ObjectNode event = StripeEvents.fixture("customer.subscription.updated");
		event.put("api_version", "2025-11-17.clover");
		ObjectNode subscription = object(event);
		subscription.remove("current_period_start");
		subscription.remove("current_period_end");
		subscription.remove("plan");
		subscription.put("cancel_at_period_end", true);
		ObjectNode item = (ObjectNode) subscription.get("items").get("data").get(0);
		item.remove("plan");
		item.put("current_period_start", 1764000000L);
		item.put("current_period_end", 1766592000L);
		((ObjectNode) item.get("price")).put("id", "price_pro");

		StripeObjectFields fields = StripeObjectReader.read(event);

		assertThat(fields.priceId()).isEqualTo("price_pro");
		assertThat(fields.currentPeriodStart()).isEqualTo(Instant.ofEpochSecond(1764000000L));
		assertThat(fields.currentPeriodEnd()).isEqualTo(Instant.ofEpochSecond(1766592000L));
		assertThat(fields.cancelAtPeriodEnd()).isTrue();
		assertThat(fields.subscriptionId()).isEqualTo("sub_000000000000000000000000");
		assertThat(fields.userId()).isNull();
	}

	@Test
	void readWhenOldestShapeWithoutApiVersionThenStillReadsThePlan() {
		StripeObjectFields fields = StripeObjectReader.read(StripeEvents.fixture("customer.subscription.trial_will_end"));

		assertThat(fields.subscriptionId()).isEqualTo("su_00000000000000");
		assertThat(fields.status()).isEqualTo("trialing");
		assertThat(fields.priceId()).isNotNull();
		assertThat(fields.currentPeriodEnd()).isEqualTo(Instant.ofEpochSecond(1383759023));
	}

	@Test
	void readWhenCheckoutSessionThenSubscriptionCustomerAndReferences() {
		ObjectNode event = StripeEvents.checkoutSessionCompleted();
		object(event).put("client_reference_id", "user-7");
		object(event).set("metadata", StripeEvents.JSON.createObjectNode().put("userId", "user-7"));

		StripeObjectFields fields = StripeObjectReader.read(event);

		assertThat(fields.objectType()).isEqualTo("checkout.session");
		assertThat(fields.subscriptionId()).isEqualTo("sub_1LNkeSKXBGcbgpbZ7jMqOPSi");
		assertThat(fields.customerId()).isEqualTo("cus_M5wW9RPFk9xNZ5");
		assertThat(fields.status()).isEqualTo("complete");
		assertThat(fields.clientReferenceId()).isEqualTo("user-7");
		assertThat(fields.userId()).isEqualTo("user-7");
		assertThat(fields.created()).isEqualTo(Instant.ofEpochSecond(1658353296L));
	}

	@Test
	void readWhenOldInvoiceThenSubscriptionPriceAndLinePeriod() {
		ObjectNode event = StripeEvents.fixture("invoice.paid");
		object(event).put("subscription", "sub_42");

		StripeObjectFields fields = StripeObjectReader.read(event);

		assertThat(fields.objectType()).isEqualTo("invoice");
		assertThat(fields.subscriptionId()).isEqualTo("sub_42");
		assertThat(fields.customerId()).isEqualTo("cus_00000000000000");
		assertThat(fields.status()).isEqualTo("paid");
		assertThat(fields.priceId()).isEqualTo(object(event).get("lines").get("data").get(0).get("price").get("id").asString());
		assertThat(fields.currentPeriodEnd()).isNotNull();
	}

	@Test
	void readWhenCloverInvoiceThenSubscriptionAndUserFromParentDetails() {
		ObjectNode event = StripeEvents.fixture("invoice.paid");
		event.put("api_version", "2025-11-17.clover");
		ObjectNode invoice = object(event);
		invoice.remove("subscription");
		ObjectNode details = invoice.putObject("parent").put("type", "subscription_details").putObject("subscription_details");
		details.put("subscription", "sub_clover");
		details.putObject("metadata").put("userId", "user-9");
		ObjectNode line = (ObjectNode) invoice.get("lines").get("data").get(0);
		line.remove("price");
		line.remove("plan");
		line.putObject("pricing").put("type", "price_details").putObject("price_details").put("price", "price_basic");

		StripeObjectFields fields = StripeObjectReader.read(event);

		assertThat(fields.subscriptionId()).isEqualTo("sub_clover");
		assertThat(fields.userId()).isEqualTo("user-9");
		assertThat(fields.priceId()).isEqualTo("price_basic");
	}

	@Test
	void readWhenCustomerExpandedThenItsId() {
		ObjectNode event = StripeEvents.fixture("customer.subscription.updated");
		object(event).putObject("customer").put("id", "cus_expanded").put("object", "customer");

		assertThat(StripeObjectReader.read(event).customerId()).isEqualTo("cus_expanded");
	}

	@Test
	void readWhenObjectMissingThenEveryObjectFieldNull() {
		ObjectNode event = StripeEvents.JSON.createObjectNode().put("id", "evt_1").put("type", "ping");
		ArrayNode unused = event.putArray("data");

		StripeObjectFields fields = StripeObjectReader.read(event);

		assertThat(unused).isEmpty();
		assertThat(fields.eventId()).isEqualTo("evt_1");
		assertThat(fields.subscriptionId()).isNull();
		assertThat(fields.currentPeriodEnd()).isNull();
		assertThat(fields.created()).isNull();
	}

	private static ObjectNode object(ObjectNode event) {
		return (ObjectNode) event.get("data").get("object");
	}

}
