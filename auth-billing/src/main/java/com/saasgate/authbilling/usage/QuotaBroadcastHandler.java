package com.saasgate.authbilling.usage;

import com.saasgate.authbilling.outbox.Outbox;
import com.saasgate.authbilling.outbox.OutboxHandler;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Publishes the outbox's {@code user_quota_exhausted} messages on the Redis channel of the same name,
 * as queued: {@code {"userId": "...", "resourceType": "llm_tokens", "periodEnd": "..."}}. The gateway
 * drops its cached quota of that user on it. A Redis outage throws, so the outbox retries; a repeated
 * publish is harmless.
 */
@Component
class QuotaBroadcastHandler implements OutboxHandler {

	/** The Redis channel the gateway subscribes to. */
	static final String CHANNEL = "user_quota_exhausted";

	private final StringRedisTemplate redis;

	QuotaBroadcastHandler(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public String topic() {
		return Outbox.USER_QUOTA_EXHAUSTED;
	}

	@Override
	public void handle(JsonNode payload) {
		this.redis.convertAndSend(CHANNEL, payload.toString());
	}

}
