package com.saasgate.authbilling.tier;

import com.saasgate.authbilling.outbox.RedisChannelPublisher;
import com.saasgate.security.contract.Channel;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's {@code user_tier_changed} messages on the Redis channel of the same name.
 * Consumers apply messages by {@code version}, so a repeated publish is harmless.
 */
@Component
class TierBroadcastHandler extends RedisChannelPublisher {

	TierBroadcastHandler(StringRedisTemplate redis) {
		super(Channel.USER_TIER_CHANGED, redis);
	}

}
