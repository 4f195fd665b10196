package com.saasgate.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static com.saasgate.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's webhooks through the real gateway to the real auth-billing (contract sections 1 and 3):
 * a signed delivery is stored once, whatever Stripe re-delivers and however many copies arrive at once;
 * a tampered one is refused and stores nothing. What is stored is read back with an {@code ops}
 * service token from auth-billing's operator endpoint, which the gateway never exposes.
 */
@ExtendWith(E2eSuite.class)
class StripeWebhookIT {

	private final Api api;

	StripeWebhookIT(Api api) {
		this.api = api;
	}

	@Test
	void webhookWhenSignedThenStoredOnceAndDuplicateAcknowledged() {
		String id = eventId();
		String payload = event(id);

		Response first = deliver(payload, sign(payload));
		Response again = deliver(payload, sign(payload));

		assertThat(first.status()).as("%s", first).isEqualTo(200);
		assertThat(first.json().path("received").asBoolean()).isTrue();
		assertThat(again.status()).as("%s", again).isEqualTo(200);
		assertThat(stored(id)).hasSize(1);
		assertThat(stored(id).get(0).path("status").asString()).isEqualTo("pending");
		assertThat(stored(id).get(0).path("type").asString()).isEqualTo("customer.subscription.updated");
	}

	@Test
	void webhookWhenBodyTamperedThenInvalidSignatureAndNothingStored() {
		String id = eventId();
		String payload = event(id);
		String signature = sign(payload);

		Response response = deliver(payload.replace("\"active\"", "\"canceled\""), signature);

		assertProblem(response, 400, "invalid_signature");
		assertThat(stored(id)).isEmpty();
	}

	@Test
	void webhookWhenTenCopiesArriveAtOnceThenOneStored() throws Exception {
		String id = eventId();
		String payload = event(id);
		String signature = sign(payload);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<CompletableFuture<Response>> copies = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				copies.add(CompletableFuture.supplyAsync(() -> deliver(payload, signature), pool));
			}

			for (CompletableFuture<Response> copy : copies) {
				Response response = copy.get();
				assertThat(response.status()).as("%s", response).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(stored(id)).hasSize(1);
	}

	private Response deliver(String payload, String signature) {
		return this.api.send("POST", this.api.suite().gatewayUrl() + "/api/billing/webhooks", payload,
				"Stripe-Signature", signature);
	}

	/** The pending events with {@code id}, from the operators' view. */
	private List<JsonNode> stored(String id) {
		ServiceTokens tokens = new ServiceTokens(secret("SERVICE_JWT_SECRET"), Clock.systemUTC());
		String token = tokens.issue("ops", "auth-billing", null, Duration.ofMinutes(1));
		Response response = this.api.send("GET",
				this.api.suite().authBillingUrl() + "/internal/stripe-events?status=pending&limit=1000", null,
				"X-Service-Token", token);
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		List<JsonNode> matching = new ArrayList<>();
		response.json().path("events").forEach((event) -> {
			if (id.equals(event.path("id").asString())) {
				matching.add(event);
			}
		});
		return matching;
	}

	private String sign(String payload) {
		return StripeSignatures.sign(secret("STRIPE_WEBHOOK_SECRET"), payload);
	}


	private String secret(String name) {
		String value = this.api.suite().environment().get(name);
		assertThat(value).as(name + " of the suite").isNotBlank();
		return value;
	}

	private static String eventId() {
		return "evt_e2e_" + UUID.randomUUID().toString().replace("-", "");
	}

	/** A subscription update as Stripe renders it: pretty-printed, CRLF and non-ASCII text included. */
	private static String event(String id) {
		return "{\r\n  \"id\": \"" + id + "\",\r\n  \"object\": \"event\",\r\n  \"api_version\": \"2025-11-17.clover\",\r\n"
				+ "  \"created\": " + Instant.now().getEpochSecond() + ",\r\n  \"data\": {\r\n    \"object\": {\r\n"
				+ "      \"id\": \"sub_e2e\",\r\n      \"object\": \"subscription\",\r\n      \"customer\": \"cus_e2e\",\r\n"
				+ "      \"status\": \"active\",\r\n      \"description\": \"Zürich – 東京 😀\",\r\n"
				+ "      \"items\": {\"object\": \"list\", \"data\": [{\"id\": \"si_e2e\", \"current_period_start\": 1764000000,"
				+ " \"current_period_end\": 1766592000, \"price\": {\"id\": \"price_pro\"}}]}\r\n    }\r\n  },\r\n"
				+ "  \"livemode\": false,\r\n  \"pending_webhooks\": 1,\r\n  \"type\": \"customer.subscription.updated\"\r\n}\r\n";
	}

}
