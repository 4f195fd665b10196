package com.saasgate.authbilling.usage;

import com.saasgate.authbilling.outbox.Outbox;
import com.saasgate.authbilling.outbox.RedisChannelPublisher;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's {@code user_quota_exhausted} messages on the Redis channel of the same name:
 * {@code {"userId": "...", "resourceType": "llm_tokens", "periodEnd": "..."}}. The gateway drops its
 * cached quota of that user on it; a repeated publish is harmless.
 */
@Component
class QuotaBroadcastHandler extends RedisChannelPublisher {

	/** The Redis channel the gateway subscribes to. */
	static final String CHANNEL = "user_quota_exhausted";

	QuotaBroadcastHandler(StringRedisTemplate redis) {
		super(Outbox.USER_QUOTA_EXHAUSTED, CHANNEL, redis);
	}

}
