package com.saasgate.authbilling.webhooks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.StripeResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Pages of {@code GET /v1/events} through stripe-java's {@link StripeClient} (its key, API base,
 * timeouts and retries). The request is stripe-java's {@code rawRequest}, not
 * {@code v1().events().list()}: the typed list binds each event to stripe-java's {@code Event} model,
 * whose {@code getRawJsonObject()} is only filled for a top-level answer (it parses
 * {@code lastResponse}), so the events of a page would come back re-serialised from the model,
 * without the fields of other API versions. The raw answer is cut into events by
 * {@link StripeEventPage}.
 */
@Component
class StripeEventLister {

	/** Stripe's largest page. */
	static final int PAGE_SIZE = 100;

	private final StripeClient stripe;

	private final JsonMapper json;

	StripeEventLister(StripeClient stripe, JsonMapper json) {
		this.stripe = stripe;
		this.json = json;
	}

	/**
	 * The page of events created at or after {@code since} that follows {@code startingAfter} (null for
	 * the first page); only those with a failed or pending delivery unless {@code includeDelivered}.
	 */
	StripeEventPage page(Instant since, boolean includeDelivered, String startingAfter) throws StripeException {
		StringBuilder path = new StringBuilder("/v1/events?limit=").append(PAGE_SIZE)
			.append("&created%5Bgte%5D=")
			.append(since.getEpochSecond());
		if (!includeDelivered) {
			path.append("&delivery_success=false");
		}
		if (startingAfter != null) {
			path.append("&starting_after=").append(URLEncoder.encode(startingAfter, StandardCharsets.UTF_8));
		}
		StripeResponse response = this.stripe.rawRequest(ApiResource.RequestMethod.GET, path.toString(), null,
				RawRequestOptions.builder().build());
		return StripeEventPage.parse(this.json, response.body());
	}

}
