/**
 * Plans and Stripe: the configured plans of each tier ({@link com.saasgate.authbilling.billing.Plans}),
 * Checkout and Billing Portal sessions created through stripe-java's {@code StripeClient}, the user's
 * Stripe customer (created once, whatever the concurrency), and the subscriptions Stripe reported
 * ({@link com.saasgate.authbilling.billing.Subscriptions}).
 */
package com.saasgate.authbilling.billing;
