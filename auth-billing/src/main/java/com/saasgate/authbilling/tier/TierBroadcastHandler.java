package com.saasgate.authbilling.tier;

import com.saasgate.authbilling.outbox.Outbox;
import com.saasgate.authbilling.outbox.RedisChannelPublisher;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's {@code user_tier_changed} messages on the Redis channel of the same name.
 * Consumers apply messages by {@code version}, so a repeated publish is harmless.
 */
@Component
class TierBroadcastHandler extends RedisChannelPublisher {

	/** The Redis channel (API contract section 3). */
	static final String CHANNEL = "user_tier_changed";

	TierBroadcastHandler(StringRedisTemplate redis) {
		super(Outbox.USER_TIER_CHANGED, CHANNEL, redis);
	}

}
