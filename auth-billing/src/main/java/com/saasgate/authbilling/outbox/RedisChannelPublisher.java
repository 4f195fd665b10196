package com.saasgate.authbilling.outbox;

import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.JsonNode;

/**
 * The handler of a topic whose messages are published, as queued, on a Redis channel. A Redis
 * outage throws, so the outbox retries: the broadcast is delayed, never lost. Delivery is at least
 * once, so consumers must take a repeated message in their stride.
 */
public abstract class RedisChannelPublisher implements OutboxHandler {

	private final String topic;

	private final String channel;

	private final StringRedisTemplate redis;

	protected RedisChannelPublisher(String topic, String channel, StringRedisTemplate redis) {
		this.topic = topic;
		this.channel = channel;
		this.redis = redis;
	}

	@Override
	public final String topic() {
		return this.topic;
	}

	@Override
	public final void handle(JsonNode payload) {
		this.redis.convertAndSend(this.channel, payload.toString());
	}

}
