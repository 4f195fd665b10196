package com.saasgate.authbilling.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.authbilling.support.TestServiceTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The operators' view of stored events, for the {@code ops} service only. */
@IntegrationTest
class StripeEventAdminTests {

	private static final String[] OPS = TestServiceTokens.header("ops");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void listWhenPendingRequestedThenDeferredEventsWithTheirErrorAndWithoutPayloads() {
		String id = deliver();
		awaitTried(id);

		Api.Response response = this.api.get("/internal/stripe-events?status=pending", OPS);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode event = response.json().get("events").get(0);
		assertThat(event.get("id").asString()).isEqualTo(id);
		assertThat(event.get("type").asString()).isEqualTo("customer.subscription.updated");
		assertThat(event.get("status").asString()).isEqualTo("pending");
		assertThat(event.get("attempts").asInt()).isPositive();
		assertThat(event.get("lastError").asString()).startsWith("No user has customer cus_00000000000000");
		assertThat(event.get("receivedAt").asString()).isNotBlank();
		assertThat(event.has("payload")).isFalse();
		assertThat(this.api.get("/internal/stripe-events?status=failed", OPS).json().get("events")).isEmpty();
	}

	@Test
	void listWhenStatusUnknownThenInvalidRequest() {
		Api.Response response = this.api.get("/internal/stripe-events?status=applied'--", OPS);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("invalid_request");
	}

	@Test
	void replayWhenEventFailedThenTriedAgainAtOnceWithFreshAttempts() {
		String id = deliver();
		awaitTried(id);
		this.jdbc.sql("UPDATE stripe_events SET status = 'failed', attempts = 7, last_error = 'boom' WHERE id = :id")
			.param("id", id)
			.update();
		assertThat(this.api.get("/internal/stripe-events?status=failed", OPS).json().get("events").get(0)
			.get("lastError").asString()).isEqualTo("boom");

		Api.Response response = this.api.post("/internal/stripe-events/" + id + "/replay", Map.of(), OPS);

		assertThat(response.status()).as(response.toString()).isEqualTo(204);
		// the applier is woken by the replay (its poll is a second away at most) and defers it again
		awaitTried(id);
		Map<String, Object> row = this.jdbc.sql("SELECT status, attempts, last_error FROM stripe_events WHERE id = :id")
			.param("id", id)
			.query()
			.singleRow();
		assertThat(row).containsEntry("status", "pending");
		assertThat((Integer) row.get("attempts")).isBetween(1, 6);
		assertThat((String) row.get("last_error")).startsWith("No user has customer");
	}

	@Test
	void replayWhenEventUnknownThenNotFound() {
		Api.Response response = this.api.post("/internal/stripe-events/evt_nope/replay", Map.of(), OPS);

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("not_found");
	}

	@Test
	void stripeEventsWhenCalledThenOnlyOpsGetsIn() {
		assertThat(this.api.get("/internal/stripe-events?status=pending", OPS).status()).isEqualTo(200);

		Api.Response anonymous = this.api.get("/internal/stripe-events?status=pending");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.code()).isEqualTo("service_auth_required");
		Api.Response gateway = this.api.get("/internal/stripe-events?status=pending", TestServiceTokens.header("gateway"));
		assertThat(gateway.status()).isEqualTo(403);
		assertThat(gateway.code()).isEqualTo("service_forbidden");
		Api.Response replay = this.api.post("/internal/stripe-events/evt_1/replay", Map.of(),
				TestServiceTokens.header("intelligence"));
		assertThat(replay.status()).isEqualTo(403);
	}

	/** Until the applier has tried the event at least once, and fewer times than the 7 a test sets. */
	private void awaitTried(String id) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			int attempts = this.jdbc.sql("SELECT attempts FROM stripe_events WHERE id = :id")
				.param("id", id)
				.query(Integer.class)
				.single();
			return attempts >= 1 && attempts < 7;
		});
	}

	/** An event of a customer no user has: the applier defers it and it stays pending. */
	private String deliver() {
		var event = StripeEvents.fixture("customer.subscription.updated");
		String payload = StripeEvents.pretty(event);
		Api.Response response = this.api.postRaw("/billing/webhooks", payload.getBytes(StandardCharsets.UTF_8),
				"Stripe-Signature", StripeEvents.signature(payload, TestSecrets.STRIPE_WEBHOOK_SECRET, Instant.now()));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return event.get("id").asString();
	}

}
