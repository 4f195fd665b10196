package com.saasgate.authbilling.webhooks;

import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the envelope of a verified delivery with Jackson, without stripe-java's models: only the
 * fields every API version has. Anything else is refused as {@code invalid_payload}.
 */
final class EventEnvelope {

	private EventEnvelope() {
	}

	/** The row to store for {@code payload}, or an {@link InvalidPayloadException}. */
	static StripeEventRow parse(JsonMapper json, String payload) {
		JsonNode event;
		try {
			event = json.readTree(payload);
		}
		catch (JacksonException ex) {
			throw new InvalidPayloadException("The body is not JSON.");
		}
		// PostgreSQL cannot hold U+0000 in jsonb; refusing here keeps it a 400, not a 500.
		if (event == null || !event.isObject() || payload.contains("\\u0000")) {
			throw new InvalidPayloadException("The body is not a Stripe event.");
		}
		String id = text(event, "id");
		String type = text(event, "type");
		JsonNode created = event.get("created");
		JsonNode livemode = event.get("livemode");
		if (id == null || type == null || created == null || !created.isIntegralNumber() || livemode == null
				|| !livemode.isBoolean() || !"event".equals(text(event, "object"))) {
			throw new InvalidPayloadException("The event lacks its id, type, created, livemode or object.");
		}
		return new StripeEventRow(id, type, text(event, "api_version"), Instant.ofEpochSecond(created.asLong()),
				livemode.asBoolean(), payload);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

	/** A well-signed body that is not an event we can store. */
	static final class InvalidPayloadException extends RuntimeException {

		InvalidPayloadException(String detail) {
			super(detail);
		}

	}

}
