package com.saasgate.authbilling.webhooks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;

/**
 * Checks a {@code Stripe-Signature} with stripe-java against the current secret, then the previous
 * one during a rotation. stripe-java accepts any of several {@code v1=} values and refuses timestamps
 * older than the tolerance; a timestamp further than the tolerance in the future it lets through, so
 * that is checked here (a clock far ahead on either side is not a reason to widen the replay window).
 * Only the signature is checked: the payload is parsed by the caller, not by stripe-java's models,
 * because events arrive in the endpoint's API version, not the one stripe-java was built for.
 */
final class SignatureVerifier {

	private final List<String> secrets;

	private final long toleranceSeconds;

	private final Clock clock;

	SignatureVerifier(WebhookProperties properties, Clock clock) {
		List<String> list = new ArrayList<>();
		if (properties.secret() != null && !properties.secret().isBlank()) {
			list.add(properties.secret());
		}
		if (properties.previousSecret() != null && !properties.previousSecret().isBlank()) {
			list.add(properties.previousSecret());
		}
		this.secrets = List.copyOf(list);
		this.toleranceSeconds = properties.tolerance().toSeconds();
		if (this.toleranceSeconds <= 0) {
			throw new IllegalArgumentException("STRIPE_WEBHOOK_TOLERANCE must be positive");
		}
		this.clock = clock;
	}

	boolean hasSecret() {
		return !this.secrets.isEmpty();
	}

	/** Whether {@code header} signs {@code payload} (the body exactly as received) with a known secret. */
	boolean isValid(String payload, String header) {
		if (header == null || header.isBlank() || this.secrets.isEmpty()) {
			return false;
		}
		Long timestamp = timestamp(header);
		if (timestamp == null || timestamp > this.clock.instant().getEpochSecond() + this.toleranceSeconds) {
			return false;
		}
		for (String secret : this.secrets) {
			try {
				if (Webhook.Signature.verifyHeader(payload, header, secret, this.toleranceSeconds, this.clock)) {
					return true;
				}
			}
			catch (SignatureVerificationException ex) {
				// wrong secret, stale or foreign signature: try the next secret
			}
		}
		return false;
	}

	/** The {@code t=} of the header, or null when there is none or more than one. */
	private static Long timestamp(String header) {
		Long found = null;
		for (String item : header.split(",")) {
			String[] pair = item.strip().split("=", 2);
			if (pair.length == 2 && pair[0].equals("t")) {
				if (found != null) {
					return null;
				}
				try {
					found = Long.parseLong(pair[1]);
				}
				catch (NumberFormatException ex) {
					return null;
				}
			}
		}
		return found;
	}

}
