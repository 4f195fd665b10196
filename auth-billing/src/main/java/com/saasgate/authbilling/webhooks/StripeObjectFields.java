package com.saasgate.authbilling.webhooks;

import java.time.Instant;

/**
 * The fields of a Stripe event the billing applier needs, read from the raw JSON by
 * {@link StripeObjectReader}; any of them may be null when the event's object does not carry it.
 *
 * @param eventId the event's id
 * @param type the event's type
 * @param created when Stripe created the event: orders events of one subscription
 * @param objectType the {@code object} of {@code data.object}: {@code subscription},
 * {@code checkout.session}, {@code invoice}, ...
 * @param subscriptionId the subscription the object is or belongs to
 * @param customerId the Stripe customer
 * @param status the object's status (a subscription's {@code active}, {@code past_due}, ...)
 * @param priceId the price of the first item or line
 * @param currentPeriodStart the billing period's start
 * @param currentPeriodEnd the billing period's end
 * @param cancelAtPeriodEnd whether the subscription ends with its period
 * @param userId our user id from {@code metadata.userId}
 * @param clientReferenceId a checkout session's {@code client_reference_id}
 * @param objectId the object's own id ({@code sub_...}, {@code in_...}, {@code cs_...})
 * @param objectCreated the object's {@code created}
 * @param trialEnd a subscription's {@code trial_end}
 * @param canceledAt a subscription's {@code canceled_at}
 * @param amountDue an invoice's {@code amount_due}, in minor units of {@code currency}
 * @param currency an invoice's currency
 * @param hostedInvoiceUrl an invoice's page, where a customer can pay it
 */
public record StripeObjectFields(String eventId, String type, Instant created, String objectType,
		String subscriptionId, String customerId, String status, String priceId, Instant currentPeriodStart,
		Instant currentPeriodEnd, Boolean cancelAtPeriodEnd, String userId, String clientReferenceId,
		String objectId, Instant objectCreated, Instant trialEnd, Instant canceledAt, Long amountDue,
		String currency, String hostedInvoiceUrl) {
}
