package com.saasgate.authbilling.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.stripe.net.Webhook;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe events for tests, from the fixtures in {@code src/test/resources/stripe} (written by others,
 * see its README), each given an id of its own, and signed as Stripe signs them.
 */
public final class StripeEvents {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private StripeEvents() {
	}

	/** The fixture {@code name} (without {@code .json}) as an event with a fresh id. */
	public static ObjectNode fixture(String name) {
		ObjectNode event = (ObjectNode) JSON.readTree(resource(name));
		event.put("id", "evt_test_" + UUID.randomUUID().toString().replace("-", ""));
		return event;
	}

	/** The data-only checkout session fixture wrapped in an event envelope. */
	public static ObjectNode checkoutSessionCompleted() {
		ObjectNode event = JSON.createObjectNode();
		event.put("id", "evt_test_" + UUID.randomUUID().toString().replace("-", ""));
		event.put("object", "event");
		event.put("api_version", "2020-08-27");
		event.put("created", 1658353296L);
		event.set("data", JSON.readTree(resource("checkout.session.completed.subscription-mode.data-only")));
		event.put("livemode", false);
		event.put("type", "checkout.session.completed");
		return event;
	}

	/** Pretty-printed, as Stripe sends events. */
	public static String pretty(JsonNode event) {
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event);
	}

	/** A {@code Stripe-Signature} header for {@code payload} signed at {@code at} with {@code secret}. */
	public static String signature(String payload, String secret, Instant at) {
		long t = at.getEpochSecond();
		return "t=" + t + ",v1=" + hmac(t + "." + payload, secret);
	}

	static String hmac(String signedPayload, String secret) {
		try {
			return Webhook.Util.computeHmacSha256(secret, signedPayload);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String resource(String name) {
		try (InputStream in = StripeEvents.class.getResourceAsStream("/stripe/" + name + ".json")) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
