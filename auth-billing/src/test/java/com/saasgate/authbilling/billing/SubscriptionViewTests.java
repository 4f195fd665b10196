package com.saasgate.authbilling.billing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.security.contract.Tier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SubscriptionViewTests extends BillingTestSupport {

	@Autowired
	SubscriptionRepository subscriptions;

	@Autowired
	Subscriptions subscriptionsApi;

	@Test
	void subscriptionWhenNeverSubscribedThenStatusNoneWithFreeTrialEnd() {
		User user = user();

		JsonNode view = this.api.get("/billing/subscription", user.bearer()).json();

		assertThat(view.get("tier").asString()).isEqualTo("free_trial");
		assertThat(view.get("effectiveTier").asString()).isEqualTo("free_trial");
		assertThat(view.get("status").asString()).isEqualTo("none");
		assertThat(view.get("currentPeriodEnd").isNull()).isTrue();
		assertThat(view.get("cancelAtPeriodEnd").asBoolean()).isFalse();
		assertThat(view.get("trialEndsAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
	}

	@Test
	void subscriptionWhenTrialEndedThenEffectiveTierRestricted() {
		User user = user();
		this.jdbc.update("UPDATE users SET trial_ends_at = now() - interval '1 minute' WHERE id = ?", user.id());

		JsonNode view = this.api.get("/billing/subscription", user.bearer()).json();

		assertThat(view.get("tier").asString()).isEqualTo("free_trial");
		assertThat(view.get("effectiveTier").asString()).isEqualTo("free_restricted");
	}

	@Test
	void subscriptionWhenActiveThenAnswersItsPeriodAndCancellation() {
		User user = user();
		this.jdbc.update("UPDATE users SET subscription_tier = 'pro', stripe_customer_id = 'cus_sub' WHERE id = ?",
				user.id());
		Instant periodEnd = Instant.parse("2027-01-01T00:00:00Z");
		Subscription active = new Subscription("sub_view", user.id(), "cus_sub", "active", PRICE_PRO,
				Optional.of(Tier.PRO), Instant.parse("2026-12-01T00:00:00Z"), periodEnd, true, null, null,
				Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:05Z"));
		this.subscriptions.upsertIfNotOlder(active);
		this.subscriptions.upsertIfNotOlder(new Subscription("sub_older", user.id(), "cus_sub", "canceled", PRICE_BASIC,
				Optional.of(Tier.BASIC), null, null, false, null, Instant.parse("2026-11-01T00:00:00Z"),
				Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")));

		JsonNode view = this.api.get("/billing/subscription", user.bearer()).json();

		assertThat(view.get("tier").asString()).isEqualTo("pro");
		assertThat(view.get("effectiveTier").asString()).isEqualTo("pro");
		assertThat(view.get("status").asString()).isEqualTo("active");
		assertThat(view.get("currentPeriodEnd").asString()).isEqualTo("2027-01-01T00:00:00Z");
		assertThat(view.get("cancelAtPeriodEnd").asBoolean()).isTrue();
		assertThat(view.get("trialEndsAt").isNull()).isTrue();
	}

	@Test
	void upsertWhenEventOlderThanStoredThenRowUnchanged() {
		User user = user();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Subscription newer = new Subscription("sub_order", user.id(), "cus_o", "canceled", PRICE_BASIC,
				Optional.of(Tier.BASIC), now, now.plus(30, ChronoUnit.DAYS), false, null, now, now, now);
		Subscription older = new Subscription("sub_order", user.id(), "cus_o", "active", PRICE_BASIC,
				Optional.of(Tier.BASIC), now, now.plus(30, ChronoUnit.DAYS), false, null, null, now,
				now.minusSeconds(60));

		assertThat(this.subscriptions.upsertIfNotOlder(newer)).isTrue();
		assertThat(this.subscriptions.upsertIfNotOlder(older)).isFalse();

		assertThat(this.subscriptionsApi.current(user.id())).get().extracting(Subscription::status).isEqualTo("canceled");
		assertThat(this.subscriptionsApi.hasLive(user.id())).isFalse();
	}

	@Test
	void subscriptionWhenUnauthenticatedThenAuthenticationRequired() {
		Api.Response response = this.api.get("/billing/subscription");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("authentication_required");
	}

}
