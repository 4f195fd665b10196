package com.saasgate.authbilling.billing;

import java.util.UUID;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The Stripe calls billing makes, through {@link StripeClient}. Every failure (a 4xx or 5xx answer, a
 * 429, a timeout, a refused connection, no secret key) is a {@code 502 stripe_unavailable}: what went
 * wrong is logged, never shown to the client.
 */
@Component
class StripeApi {

	private static final Logger logger = LoggerFactory.getLogger(StripeApi.class);

	private final StripeClient stripe;

	private final BillingProperties properties;

	StripeApi(StripeClient stripe, BillingProperties properties) {
		this.stripe = stripe;
		this.properties = properties;
	}

	/**
	 * Creates the user's customer. The idempotency key is derived from the user id, so a retry (by
	 * stripe-java, or by the user after a failure) replays the same creation instead of making a second
	 * customer (Stripe keeps keys for 24 hours; past that, our stored id is what prevents a second).
	 */
	String createCustomer(UUID userId, String email) {
		CustomerCreateParams params = CustomerCreateParams.builder()
			.setEmail(email)
			.putMetadata("userId", userId.toString())
			.build();
		RequestOptions options = RequestOptions.builder().setIdempotencyKey(customerIdempotencyKey(userId)).build();
		return call("create customer", () -> this.stripe.v1().customers().create(params, options)).getId();
	}

	static String customerIdempotencyKey(UUID userId) {
		return "customer-create-" + userId;
	}

	/** A Checkout Session in subscription mode for one price, bound to the customer and the user. */
	String createCheckoutSession(UUID userId, String customerId, String priceId) {
		SessionCreateParams params = SessionCreateParams.builder()
			.setMode(SessionCreateParams.Mode.SUBSCRIPTION)
			.setCustomer(customerId)
			.setClientReferenceId(userId.toString())
			.addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(1L).build())
			.setSubscriptionData(
					SessionCreateParams.SubscriptionData.builder().putMetadata("userId", userId.toString()).build())
			.setSuccessUrl(this.properties.link("/billing/success?session_id={CHECKOUT_SESSION_ID}"))
			.setCancelUrl(this.properties.link("/billing/cancel"))
			.build();
		return call("create checkout session", () -> this.stripe.v1().checkout().sessions().create(params)).getUrl();
	}

	/** A Billing Portal session for the customer, returning to the front end's billing page. */
	String createPortalSession(String customerId) {
		com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
			.builder()
			.setCustomer(customerId)
			.setReturnUrl(this.properties.link("/billing"))
			.build();
		return call("create portal session", () -> this.stripe.v1().billingPortal().sessions().create(params))
			.getUrl();
	}

	private <T> T call(String operation, StripeCall<T> call) {
		if (!this.properties.stripe().configured()) {
			logger.warn("Stripe call '{}' refused: STRIPE_SECRET_KEY is not set", operation);
			throw unavailable();
		}
		try {
			return call.call();
		}
		catch (StripeException ex) {
			logger.warn("Stripe call '{}' failed: status={} code={} requestId={} ({})", operation,
					ex.getStatusCode(), ex.getCode(), ex.getRequestId(), ex.getClass().getSimpleName());
			throw unavailable();
		}
		catch (RuntimeException ex) {
			// stripe-java throws unchecked exceptions too (an unparsable answer, for one).
			logger.warn("Stripe call '{}' failed: {}", operation, ex.toString());
			throw unavailable();
		}
	}

	static ApiException unavailable() {
		return new ApiException(HttpStatus.BAD_GATEWAY, "stripe_unavailable",
				"The payment provider could not be reached; nothing was changed. Try again.");
	}

	@FunctionalInterface
	private interface StripeCall<T> {

		T call() throws StripeException;

	}

}
