package com.saasgate.authbilling.tier;

import com.saasgate.authbilling.outbox.Outbox;
import com.saasgate.authbilling.outbox.OutboxHandler;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Publishes the outbox's {@code user_tier_changed} messages on the Redis channel of the same name,
 * as queued. A Redis outage throws, so the outbox retries: the broadcast is delayed, never lost.
 * Consumers apply messages by {@code version}, so a repeated publish is harmless.
 */
@Component
class TierBroadcastHandler implements OutboxHandler {

	/** The Redis channel (API contract section 3). */
	static final String CHANNEL = "user_tier_changed";

	private final StringRedisTemplate redis;

	TierBroadcastHandler(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public String topic() {
		return Outbox.USER_TIER_CHANGED;
	}

	@Override
	public void handle(JsonNode payload) {
		this.redis.convertAndSend(CHANNEL, payload.toString());
	}

}
