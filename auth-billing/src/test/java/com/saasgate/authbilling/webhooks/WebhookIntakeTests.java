package com.saasgate.authbilling.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.devsupport.Parallel;
import com.saasgate.authbilling.support.TestSecrets;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /billing/webhooks} against the real PostgreSQL: verified, stored once, never lost. */
@IntegrationTest
class WebhookIntakeTests {

	private static final String PATH = "/billing/webhooks";

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void receiveWhenSignedThenStoredBeforeTheAnswer() {
		ObjectNode event = StripeEvents.fixture("customer.subscription.updated");
		String payload = StripeEvents.pretty(event);

		Api.Response response = post(payload, sign(payload));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("received").asBoolean()).isTrue();
		Map<String, Object> row = this.jdbc
			.sql("SELECT type, api_version, created, livemode, status, attempts, payload->>'id' AS payload_id"
					+ " FROM stripe_events WHERE id = :id")
			.param("id", event.get("id").asString())
			.query()
			.singleRow();
		assertThat(row).containsEntry("type", "customer.subscription.updated")
			.containsEntry("api_version", "2020-08-27")
			.containsEntry("livemode", false)
			// no user has this customer: the applier defers it, so it stays pending
			.containsEntry("status", "pending")
			.containsEntry("payload_id", event.get("id").asString());
		assertThat(((java.sql.Timestamp) row.get("created")).toInstant())
			.isEqualTo(Instant.ofEpochSecond(event.get("created").asLong()));
	}

	@Test
	void receiveWhenDeliveredAgainThenOkAndNothingNewStored() {
		String payload = StripeEvents.pretty(StripeEvents.fixture("invoice.paid"));
		double before = count("invoice.paid", "duplicate");

		assertThat(post(payload, sign(payload)).status()).isEqualTo(200);
		Api.Response again = post(payload, sign(payload));

		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(again.json().get("received").asBoolean()).isTrue();
		assertThat(storedEvents()).isEqualTo(1);
		assertThat(count("invoice.paid", "duplicate")).isEqualTo(before + 1);
	}

	@Test
	void receiveWhenTenCopiesArriveAtOnceThenOneRow() throws Exception {
		String payload = StripeEvents.pretty(StripeEvents.checkoutSessionCompleted());
		String signature = sign(payload);

		List<Integer> statuses = Parallel.run(10, () -> post(payload, signature).status());

		assertThat(statuses).containsOnly(200);
		assertThat(storedEvents()).isEqualTo(1);
	}

	@Test
	void receiveWhenUnknownTypeThenStoredAndCountedAsOther() {
		ObjectNode event = StripeEvents.fixture("invoice.paid").put("type", "radar.early_fraud_warning.created");
		String payload = StripeEvents.pretty(event);
		double before = count("other", "stored");

		assertThat(post(payload, sign(payload)).status()).isEqualTo(200);

		assertThat(storedEvents()).isEqualTo(1);
		assertThat(count("other", "stored")).isEqualTo(before + 1);
	}

	@Test
	void receiveWhenSignedWithPreviousSecretThenStored() {
		String payload = StripeEvents.pretty(StripeEvents.fixture("invoice.paid"));

		Api.Response response = post(payload,
				StripeEvents.signature(payload, TestSecrets.STRIPE_WEBHOOK_SECRET_PREVIOUS, Instant.now()));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(storedEvents()).isEqualTo(1);
	}

	@Test
	void receiveWhenSignatureBadMissingStaleOrForeignThenInvalidSignatureAndNothingStored() {
		String payload = StripeEvents.pretty(StripeEvents.fixture("invoice.paid"));
		double before = count("other", "invalid_signature");

		assertInvalidSignature(post(payload + "\n", sign(payload)));
		assertInvalidSignature(this.api.postRaw(PATH, payload.getBytes(StandardCharsets.UTF_8)));
		assertInvalidSignature(post(payload, StripeEvents.signature(payload, TestSecrets.STRIPE_WEBHOOK_SECRET,
				Instant.now().minusSeconds(301))));
		assertInvalidSignature(post(payload, StripeEvents.signature(payload, TestSecrets.STRIPE_WEBHOOK_SECRET,
				Instant.now().plusSeconds(400))));
		assertInvalidSignature(post(payload, StripeEvents.signature(payload, "whsec_foreign", Instant.now())));

		assertThat(storedEvents()).isZero();
		assertThat(count("other", "invalid_signature")).isEqualTo(before + 5);
	}

	@Test
	void receiveWhenSignedButNotAnEventThenInvalidPayloadAndNothingStored() {
		for (String payload : List.of("{\"id\": \"evt_1\", \"type\": ", "[1, 2]", "{\"id\": \"evt_1\"}",
				"{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x\",\"created\":\"soon\",\"livemode\":false}",
				"{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x\",\"created\":1,\"livemode\":false,\"n\":\"\\u0000\"}")) {
			Api.Response response = post(payload, sign(payload));

			assertThat(response.status()).as(payload + " -> " + response).isEqualTo(400);
			assertThat(response.code()).isEqualTo("invalid_payload");
		}
		assertThat(storedEvents()).isZero();
	}

	@Test
	void receiveWhenBodyLargerThanTheGeneralCapButUnderOneMebibyteThenStored() {
		ObjectNode event = StripeEvents.fixture("customer.subscription.updated");
		event.put("padding", "é".repeat(250 * 1024));
		String payload = StripeEvents.pretty(event);
		assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(500 * 1024);

		Api.Response response = post(payload, sign(payload));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(storedEvents()).isEqualTo(1);
	}

	@Test
	void receiveWhenBodyOverOneMebibyteThenPayloadTooLarge() {
		ObjectNode event = StripeEvents.fixture("invoice.paid");
		event.put("padding", "x".repeat(1024 * 1024));
		String payload = StripeEvents.pretty(event);

		Api.Response response = post(payload, sign(payload));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.code()).isEqualTo("payload_too_large");
		assertThat(storedEvents()).isZero();
	}

	@Test
	void otherPathWhenBodyOverTheGeneralCapThenStillPayloadTooLarge() {
		Api.Response response = this.api.postRaw("/auth/login",
				("{\"email\":\"" + "a".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.code()).isEqualTo("payload_too_large");
	}

	private Api.Response post(String payload, String signature) {
		return this.api.postRaw(PATH, payload.getBytes(StandardCharsets.UTF_8), "Stripe-Signature", signature,
				"Content-Type", "application/json; charset=utf-8");
	}

	private static String sign(String payload) {
		return StripeEvents.signature(payload, TestSecrets.STRIPE_WEBHOOK_SECRET, Instant.now());
	}

	private static void assertInvalidSignature(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("invalid_signature");
	}

	private long storedEvents() {
		return this.jdbc.sql("SELECT count(*) FROM stripe_events").query(Long.class).single();
	}

	private double count(String type, String status) {
		var counter = this.meters.find("stripe.webhook").tag("type", type).tag("status", status).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
