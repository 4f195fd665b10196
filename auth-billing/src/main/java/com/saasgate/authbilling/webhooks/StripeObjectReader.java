package com.saasgate.authbilling.webhooks;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * Reads {@link StripeObjectFields} from an event's raw JSON, not from stripe-java's models, because
 * events come in the webhook endpoint's API version: since {@code 2025-03-31.basil} the billing period
 * lives on each subscription item and an invoice names its subscription under
 * {@code parent.subscription_details}; before, the period and {@code plan} were on the subscription
 * and {@code subscription} on the invoice. Both shapes are read; a field neither has is null.
 */
public final class StripeObjectReader {

	private StripeObjectReader() {
	}

	/** The fields of {@code event}, a whole event envelope. */
	public static StripeObjectFields read(JsonNode event) {
		JsonNode object = event.path("data").path("object");
		String objectType = text(object, "object");
		String eventId = text(event, "id");
		String type = text(event, "type");
		Instant created = instant(event.path("created"));
		String objectId = text(object, "id");
		Instant objectCreated = instant(object.path("created"));
		if ("checkout.session".equals(objectType)) {
			return new StripeObjectFields(eventId, type, created, objectType, id(object.path("subscription")),
					id(object.path("customer")), text(object, "status"), null, null, null, null, userId(object),
					text(object, "client_reference_id"), objectId, objectCreated, null, null, null, null, null);
		}
		if ("invoice".equals(objectType)) {
			JsonNode details = object.path("parent").path("subscription_details");
			JsonNode line = first(object.path("lines"));
			String userId = userId(object);
			return new StripeObjectFields(eventId, type, created, objectType,
					firstNonNull(id(object.path("subscription")), id(details.path("subscription"))),
					id(object.path("customer")), text(object, "status"), price(line),
					instant(line.path("period").path("start")), instant(line.path("period").path("end")), null,
					(userId != null) ? userId : userId(details), null, objectId, objectCreated, null, null,
					integer(object.path("amount_due")), text(object, "currency"), text(object, "hosted_invoice_url"));
		}
		JsonNode item = first(object.path("items"));
		boolean subscription = "subscription".equals(objectType);
		return new StripeObjectFields(eventId, type, created, objectType,
				subscription ? objectId : id(object.path("subscription")), id(object.path("customer")),
				text(object, "status"), firstNonNull(price(item), id(object.path("plan"))),
				firstNonNull(instant(item.path("current_period_start")), instant(object.path("current_period_start"))),
				firstNonNull(instant(item.path("current_period_end")), instant(object.path("current_period_end"))),
				bool(object.path("cancel_at_period_end")), userId(object), null, objectId, objectCreated,
				instant(object.path("trial_end")), instant(object.path("canceled_at")), null, null, null);
	}

	/** The price of an item or line: {@code price}, the older {@code plan}, or basil's {@code pricing}. */
	private static String price(JsonNode itemOrLine) {
		return firstNonNull(id(itemOrLine.path("price")), id(itemOrLine.path("plan")),
				text(itemOrLine.path("pricing").path("price_details"), "price"));
	}

	private static JsonNode first(JsonNode list) {
		return list.path("data").path(0);
	}

	private static String userId(JsonNode object) {
		JsonNode metadata = object.path("metadata");
		return metadata.isObject() ? text(metadata, "userId") : null;
	}

	/** An id field, whether Stripe sent the id or the expanded object. */
	private static String id(JsonNode node) {
		if (node.isObject()) {
			return text(node, "id");
		}
		return (node.isString() && !node.asString().isBlank()) ? node.asString() : null;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

	private static Instant instant(JsonNode node) {
		return node.isIntegralNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
	}

	private static Long integer(JsonNode node) {
		return node.isIntegralNumber() ? node.asLong() : null;
	}

	private static Boolean bool(JsonNode node) {
		return node.isBoolean() ? node.asBoolean() : null;
	}

	@SafeVarargs
	private static <T> T firstNonNull(T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
