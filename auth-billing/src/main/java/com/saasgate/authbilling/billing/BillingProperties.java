package com.saasgate.authbilling.billing;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.saasgate.security.contract.Tier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;


import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Billing: where Stripe is, how long to wait for it, where the front end is, and the plan of each tier.
 *
 * @param frontendUrl {@code FRONTEND_URL}, where Checkout and the portal send the user back; default
 * {@code http://localhost:3000}
 * @param stripe the Stripe API client
 * @param plans the plan of each tier
 * @param pastDueGrace {@code BILLING_PAST_DUE_GRACE}, how long a subscription whose renewal failed
 * ({@code past_due}, while Stripe retries the payment) keeps its paid tier before the user is
 * {@code free_restricted}; default {@code 7d}
 */
@ConfigurationProperties("billing")
@Validated
record BillingProperties(@DefaultValue("http://localhost:3000") @NotNull(message = "FRONTEND_URL must be set") URI frontendUrl,
		@DefaultValue @Valid @NotNull Stripe stripe, @Valid @NotNull PlanSet plans,
		@DefaultValue("7d") @NotNull Duration pastDueGrace) {

	@AssertTrue(message = "BILLING_PAST_DUE_GRACE must be between 0 and 60 days")
	boolean isPastDueGraceInRange() {
		return this.pastDueGrace == null
				|| (!this.pastDueGrace.isNegative() && this.pastDueGrace.compareTo(Duration.ofDays(60)) <= 0);
	}

	/** A link into the front end, without a doubled slash. */
	String link(String path) {
		String base = this.frontendUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	/**
	 * Stripe's API, through stripe-java.
	 *
	 * @param secretKey {@code STRIPE_SECRET_KEY}; default none, and every Stripe call then answers
	 * {@code 502 stripe_unavailable}
	 * @param apiBase {@code STRIPE_API_BASE}; default {@code https://api.stripe.com} (tests point it at a
	 * local fake)
	 * @param connectTimeout {@code STRIPE_CONNECT_TIMEOUT}; default 2 s
	 * @param timeout {@code STRIPE_TIMEOUT}, the read timeout of one try; default 10 s
	 * @param maxRetries {@code STRIPE_MAX_RETRIES}, stripe-java's own retries of a connection failure, a
	 * timeout, a 409 or a 5xx, with the same idempotency key; default 2
	 */
	record Stripe(@DefaultValue("") String secretKey, @DefaultValue("https://api.stripe.com") @NotNull(message = "STRIPE_API_BASE must be set") URI apiBase,
			@DefaultValue("2s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration timeout,
			@DefaultValue("2") @Min(value = 0, message = MAX_RETRIES_RANGE) @Max(value = 5, message = MAX_RETRIES_RANGE) int maxRetries) {

		static final String MAX_RETRIES_RANGE = "STRIPE_MAX_RETRIES must be between 0 and 5";

		boolean configured() {
			return this.secretKey != null && !this.secretKey.isBlank();
		}

		@AssertTrue(message = "STRIPE_TIMEOUT and STRIPE_CONNECT_TIMEOUT must be between 1 ms and 60 s")
		boolean isTimeoutsInRange() {
			return inRange(this.timeout) && inRange(this.connectTimeout);
		}

		private static boolean inRange(Duration duration) {
			return duration == null || (!duration.isNegative() && !duration.isZero()
					&& duration.compareTo(Duration.ofSeconds(60)) <= 0);
		}

		@Override
		public String toString() {
			return "Stripe[apiBase=" + this.apiBase + ", configured=" + configured() + ", connectTimeout="
					+ this.connectTimeout + ", timeout=" + this.timeout + ", maxRetries=" + this.maxRetries + "]";
		}

	}

	/** The plan of each tier; the defaults are in {@code application.yml} (README, "Plans"). */
	record PlanSet(
			@Valid @NotNull PlanSettings freeTrial,
			@Valid @NotNull PlanSettings freeRestricted,
			@Valid @NotNull PlanSettings basic,
			@Valid @NotNull PlanSettings pro) {

		/** The settings by tier, in tier order. */
		Map<Tier, PlanSettings> byTier() {
			Map<Tier, PlanSettings> plans = new LinkedHashMap<>();
			plans.put(Tier.FREE_TRIAL, this.freeTrial);
			plans.put(Tier.FREE_RESTRICTED, this.freeRestricted);
			plans.put(Tier.BASIC, this.basic);
			plans.put(Tier.PRO, this.pro);
			return plans;
		}

		@AssertTrue(message = "free tiers have no Stripe price id (billing.plans.free-*.price-id must be empty)")
		boolean isFreeTiersWithoutPrice() {
			return this.freeTrial == null || this.freeRestricted == null
					|| (!this.freeTrial.sold() && !this.freeRestricted.sold());
		}

		@AssertTrue(message = "STRIPE_PRICE_BASIC must be empty or a Stripe price id (price_...)")
		boolean isBasicPriceIdWellFormed() {
			return this.basic == null || this.basic.priceIdWellFormed();
		}

		@AssertTrue(message = "STRIPE_PRICE_PRO must be empty or a Stripe price id (price_...)")
		boolean isProPriceIdWellFormed() {
			return this.pro == null || this.pro.priceIdWellFormed();
		}

		@AssertTrue(message = "STRIPE_PRICE_BASIC and STRIPE_PRICE_PRO must differ")
		boolean isPriceIdsDistinct() {
			return this.basic == null || this.pro == null || !this.basic.sold()
					|| !Objects.equals(this.basic.priceId(), this.pro.priceId());
		}

	}

	/**
	 * One tier's plan.
	 *
	 * @param name shown to users
	 * @param monthlyPrice in minor units of the currency (cents: {@code 1900} is 19.00)
	 * @param currency ISO 4217, lower case as Stripe writes it
	 * @param priceId the Stripe price (recurring, monthly) Checkout sells; empty for the free tiers, and
	 * for a paid tier that this deployment does not sell (its checkout then answers
	 * {@code 502 stripe_unavailable})
	 * @param requestsPerMinute the gateway's rate limit
	 * @param llmTokens monthly quota of {@code llm_tokens} (tokens)
	 * @param memoryStorage monthly quota of {@code memory_storage} (MB)
	 * @param agentMinutes monthly quota of {@code agent_minutes} (minutes)
	 */
	record PlanSettings(@NotBlank String name, @PositiveOrZero long monthlyPrice,
			@NotBlank @Pattern(regexp = "[a-z]{3}") String currency,
			String priceId,
			@Min(1) int requestsPerMinute, @PositiveOrZero long llmTokens, @PositiveOrZero long memoryStorage,
			@PositiveOrZero long agentMinutes) {

		private static final java.util.regex.Pattern PRICE_ID = java.util.regex.Pattern.compile("price_[A-Za-z0-9_]+");

		boolean priceIdWellFormed() {
			return !sold() || PRICE_ID.matcher(this.priceId).matches();
		}

		boolean sold() {
			return this.priceId != null && !this.priceId.isBlank();
		}

	}

}
