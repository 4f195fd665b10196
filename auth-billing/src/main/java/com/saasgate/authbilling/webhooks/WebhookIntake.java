package com.saasgate.authbilling.webhooks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import com.saasgate.authbilling.web.ApiException;
import com.saasgate.security.SecretPolicy;
import com.saasgate.security.config.InvalidConfigurationException;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/**
 * Verifies a delivery and stores its event if it is new. The insert commits before the controller
 * answers, so a 200 means the event is in PostgreSQL; a refused delivery stores nothing, and Stripe
 * retries it.
 */
@Service
class WebhookIntake {

	private static final Logger logger = LoggerFactory.getLogger(WebhookIntake.class);

	private final SignatureVerifier signatures;

	private final StripeEventRepository events;

	private final JsonMapper json;

	private final WebhookMetrics metrics;

	private final StripeEventApplier applier;

	/**
	 * @throws InvalidConfigurationException for a signing secret that is not one ({@code whsec_}), or
	 * a placeholder in {@code prod}
	 */
	WebhookIntake(WebhookProperties properties, Clock clock, StripeEventRepository events, JsonMapper json,
			WebhookMetrics metrics, StripeEventApplier applier, Environment environment) {
		boolean production = environment.matchesProfiles("prod");
		List<String> errors = new ArrayList<>();
		for (SecretPolicy.Verdict verdict : List.of(
				SecretPolicy.checkOptional("STRIPE_WEBHOOK_SECRET", properties.secret(), production, "whsec_"),
				SecretPolicy.checkOptional("STRIPE_WEBHOOK_SECRET_PREVIOUS", properties.previousSecret(), production,
						"whsec_"))) {
			verdict.warnings().forEach(logger::warn);
			errors.addAll(verdict.errors());
		}
		if (!errors.isEmpty()) {
			throw new InvalidConfigurationException(errors);
		}
		this.applier = applier;
		this.signatures = new SignatureVerifier(properties, clock);
		this.events = events;
		this.json = json;
		this.metrics = metrics;
		if (!this.signatures.hasSecret()) {
			logger.warn("STRIPE_WEBHOOK_SECRET is not set: every Stripe webhook delivery will be refused");
		}
	}

	/** {@code payload} is the body exactly as received, decoded as UTF-8. */
	@Transactional
	WebhookOutcome receive(String payload, String signatureHeader) {
		if (!this.signatures.isValid(payload, signatureHeader)) {
			this.metrics.count(WebhookMetrics.OTHER, WebhookMetrics.Status.INVALID_SIGNATURE);
			throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_signature",
					"The Stripe-Signature header is missing, stale or does not sign this body.");
		}
		StripeEventRow event;
		try {
			event = EventEnvelope.parse(this.json, payload);
		}
		catch (EventEnvelope.InvalidPayloadException ex) {
			this.metrics.count(WebhookMetrics.OTHER, WebhookMetrics.Status.INVALID_PAYLOAD);
			throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_payload", ex.getMessage());
		}
		if (this.events.insertIfAbsent(event)) {
			this.metrics.count(event.type(), WebhookMetrics.Status.STORED);
			logger.info("Stripe event {} ({}) stored", event.id(), event.type());
			this.applier.wakeAfterCommit();
			return new WebhookOutcome.Stored(event.id());
		}
		this.metrics.count(event.type(), WebhookMetrics.Status.DUPLICATE);
		logger.debug("Stripe event {} delivered again", event.id());
		return new WebhookOutcome.Duplicate(event.id());
	}

}
