package com.saasgate.authbilling.usage;

import com.saasgate.authbilling.outbox.RedisChannelPublisher;
import com.saasgate.security.contract.Channel;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's {@code user_quota_exhausted} messages on the Redis channel of the same name:
 * {@code {"userId": "...", "resourceType": "llm_tokens", "periodEnd": "..."}}. The gateway drops its
 * cached quota of that user on it; a repeated publish is harmless.
 */
@Component
class QuotaBroadcastHandler extends RedisChannelPublisher {

	QuotaBroadcastHandler(StringRedisTemplate redis) {
		super(Channel.USER_QUOTA_EXHAUSTED, redis);
	}

}
