package com.saasgate.authbilling.usage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import com.saasgate.authbilling.billing.Plan;
import com.saasgate.authbilling.web.ApiException;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The input rules of the ledger, each a {@code 400 invalid_request}: amounts are JSON integers that fit
 * a signed 64-bit integer (no {@code 1.5}, no {@code 1e3}, no string, no {@code 2^63}); user ids are
 * UUIDs; resource types are the plans' ({@link Plan#RESOURCE_TYPES}); metadata is a JSON object of at
 * most {@code usage.max-metadata-bytes}; idempotency keys are 1 to 255 visible ASCII characters.
 */
@Component
class UsageInput {

	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private final JsonMapper json;

	private final UsageProperties properties;

	UsageInput(JsonMapper json, UsageProperties properties) {
		this.json = json;
		this.properties = properties;
	}

	/** A recorded event: a positive amount. */
	UsageEvent event(String userId, String resourceType, JsonNode amount, JsonNode metadata, String idempotencyKey) {
		UUID user = userId(userId);
		String type = resourceType(resourceType);
		long value = amount(amount, 1);
		String meta = metadata(metadata);
		String key = idempotencyKey(idempotencyKey);
		return new UsageEvent(user, type, value, meta, key, hash("record", user.toString(), type, Long.toString(value),
				(meta != null) ? meta : "null"));
	}

	UUID userId(String value) {
		if (value == null) {
			throw ApiException.invalidRequest("userId is required.");
		}
		try {
			UUID id = UUID.fromString(value);
			if (id.toString().equalsIgnoreCase(value)) {
				return id;
			}
		}
		catch (IllegalArgumentException ex) {
			// answered below
		}
		throw ApiException.invalidRequest("userId must be a UUID.");
	}

	String resourceType(String value) {
		if (value == null || !Plan.RESOURCE_TYPES.contains(value)) {
			throw ApiException.invalidRequest("resourceType must be one of " + String.join(", ", Plan.RESOURCE_TYPES) + ".");
		}
		return value;
	}

	/** A JSON integer of at least {@code min} that fits a signed 64-bit integer. */
	long amount(JsonNode amount, long min) {
		if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong()) {
			throw ApiException.invalidRequest("amount must be an integer from " + min + " to " + Long.MAX_VALUE + ".");
		}
		long value = amount.asLong();
		if (value < min) {
			throw ApiException.invalidRequest("amount must be an integer from " + min + " to " + Long.MAX_VALUE + ".");
		}
		return value;
	}

	/** {@code ttlSeconds}: absent means the default; else whole seconds from 1 to the maximum. */
	Duration ttl(JsonNode ttlSeconds) {
		if (ttlSeconds == null || ttlSeconds.isNull()) {
			return this.properties.defaultReservationTtl();
		}
		long max = this.properties.maxReservationTtl().toSeconds();
		if (!ttlSeconds.isIntegralNumber() || !ttlSeconds.canConvertToLong() || ttlSeconds.asLong() < 1
				|| ttlSeconds.asLong() > max) {
			throw ApiException.invalidRequest("ttlSeconds must be an integer from 1 to " + max + ".");
		}
		return Duration.ofSeconds(ttlSeconds.asLong());
	}

	/** The metadata object as canonical JSON (keys sorted, compact), or null when absent. */
	String metadata(JsonNode metadata) {
		if (metadata == null || metadata.isNull() || metadata.isMissingNode()) {
			return null;
		}
		if (!metadata.isObject()) {
			throw ApiException.invalidRequest("metadata must be a JSON object.");
		}
		String canonical = canonical(metadata);
		if (canonical.getBytes(StandardCharsets.UTF_8).length > this.properties.maxMetadataBytes()) {
			throw ApiException.invalidRequest(
					"metadata must be at most " + this.properties.maxMetadataBytes() + " bytes of JSON.");
		}
		return canonical;
	}

	/** Null when absent. */
	String idempotencyKey(String key) {
		if (key == null) {
			return null;
		}
		if (!KEY.matcher(key).matches()) {
			throw ApiException.invalidRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.");
		}
		return key;
	}

	/** SHA-256 of the parts, each length-prefixed so that no two lists of parts hash alike. */
	static byte[] hash(String... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String part : parts) {
				byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
				digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
				digest.update(bytes);
			}
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String canonical(JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			node.properties().forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
			StringBuilder out = new StringBuilder("{");
			sorted.forEach((name, value) -> {
				if (out.length() > 1) {
					out.append(',');
				}
				out.append(this.json.writeValueAsString(name)).append(':').append(canonical(value));
			});
			return out.append('}').toString();
		}
		if (node.isArray()) {
			StringBuilder out = new StringBuilder("[");
			for (JsonNode element : node) {
				if (out.length() > 1) {
					out.append(',');
				}
				out.append(canonical(element));
			}
			return out.append(']').toString();
		}
		return this.json.writeValueAsString(node);
	}

}
