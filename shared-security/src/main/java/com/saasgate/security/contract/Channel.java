package com.saasgate.security.contract;

import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Redis pub/sub channel of the suite (API contract section 3): its name, and the one JSON form of
 * its message, written by auth-billing's publisher and read by every gateway. Messages are records;
 * fields a reader does not know are ignored, so a publisher may add one before its readers know it.
 *
 * @param <M> the message record
 */
public final class Channel<M> {

	/** A user's tier changed: auth-billing's outbox publishes, every gateway subscribes. */
	public static final Channel<TierChangedMessage> USER_TIER_CHANGED = new Channel<>("user_tier_changed",
			TierChangedMessage.class);

	/** A user's usage of a resource reached its quota: auth-billing's outbox publishes, the gateways subscribe. */
	public static final Channel<QuotaExhaustedMessage> USER_QUOTA_EXHAUSTED = new Channel<>("user_quota_exhausted",
			QuotaExhaustedMessage.class);

	// Jackson 3's defaults (ISO-8601 instants, nulls written) with unknown fields ignored.
	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final String name;

	private final Class<M> type;

	private Channel(String name, Class<M> type) {
		this.name = name;
		this.type = type;
	}

	/** The Redis channel name (also the outbox topic that carries it). */
	public String name() {
		return this.name;
	}

	/** The message as published. */
	public String write(M message) {
		Objects.requireNonNull(message, "message must not be null");
		return json.writeValueAsString(message);
	}

	/**
	 * The message of a published text.
	 * @throws MalformedMessageException when the text is not JSON, or not this channel's message (a
	 * field of the wrong type, no {@code userId})
	 */
	public M read(String text) {
		Objects.requireNonNull(text, "text must not be null");
		try {
			M message = json.readValue(text, this.type);
			if (message == null) {
				throw new MalformedMessageException(this.name, null);
			}
			return message;
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException(this.name, ex);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
