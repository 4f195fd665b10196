package com.saasgate.e2e;

import java.security.GeneralSecurityException;
import java.time.Instant;

import com.stripe.net.Webhook;

/** {@code Stripe-Signature} headers as Stripe makes them (stripe-java's own HMAC), signed now. */
final class StripeSignatures {

	private StripeSignatures() {
	}

	static String sign(String webhookSecret, String payload) {
		long t = Instant.now().getEpochSecond();
		try {
			return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(webhookSecret, t + "." + payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
