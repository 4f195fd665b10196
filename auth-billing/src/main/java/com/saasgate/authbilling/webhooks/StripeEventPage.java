package com.saasgate.authbilling.webhooks;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One page of {@code GET /v1/events}, newest first as Stripe lists them.
 *
 * @param events each event's JSON exactly as it stands in Stripe's answer (the characters between its
 * braces, not a re-serialisation), so that no field a model does not know is lost
 * @param hasMore whether Stripe holds more events after the last of this page
 * @param lastId the id of the page's last (oldest) event, the cursor of the next page; null when empty
 */
record StripeEventPage(List<String> events, boolean hasMore, String lastId) {

	StripeEventPage {
		events = List.copyOf(events);
	}

	/**
	 * Cuts the events out of a list answer. The body is streamed, never bound: only {@code data} and
	 * {@code has_more} are read, and each element of {@code data} is taken as the text it spans.
	 */
	static StripeEventPage parse(JsonMapper json, String body) {
		List<String> events = new ArrayList<>();
		Boolean hasMore = null;
		boolean data = false;
		try (JsonParser parser = json.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new MalformedListException("the answer is not a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("data".equals(name) && value == JsonToken.START_ARRAY) {
					data = true;
					cutEvents(parser, body, events);
				}
				else if ("has_more".equals(name) && value.isBoolean()) {
					hasMore = parser.getBooleanValue();
				}
				else {
					parser.skipChildren();
				}
			}
		}
		catch (JacksonException ex) {
			throw new MalformedListException("the answer is not JSON");
		}
		if (!data || hasMore == null) {
			throw new MalformedListException("the answer has no data list or no has_more");
		}
		return new StripeEventPage(events, hasMore, events.isEmpty() ? null : idOf(json, events.get(events.size() - 1)));
	}

	private static String idOf(JsonMapper json, String event) {
		// The text was cut from a body that parsed, so it parses too.
		JsonNode id = json.readTree(event).path("id");
		if (!id.isString() || id.asString().isBlank()) {
			throw new MalformedListException("an event has no id");
		}
		return id.asString();
	}

	private static void cutEvents(JsonParser parser, String body, List<String> events) {
		JsonToken token;
		while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
			int start = Math.toIntExact(parser.currentTokenLocation().getCharOffset());
			parser.skipChildren();
			int end = Math.toIntExact(parser.currentLocation().getCharOffset());
			events.add(body.substring(start, end));
		}
		if (token != JsonToken.END_ARRAY) {
			throw new MalformedListException("an element of data is not an object");
		}
	}

	/** Stripe answered 2xx with something that is not a list of events. */
	static final class MalformedListException extends RuntimeException {

		MalformedListException(String detail) {
			super(detail);
		}

	}

}
