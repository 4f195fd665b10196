package com.saasgate.authbilling.outbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.JsonNode;

/**
 * The handler of a topic whose messages are published, as queued, on a Redis channel. A Redis
 * outage throws, so the outbox retries: the broadcast is delayed, never lost. Delivery is at least
 * once, so consumers must take a repeated message in their stride.
 *
 * <p>A row queued by {@link #batch} holds many messages ({@code {"batch": [m1, m2, ...]}}, a batch
 * job's broadcasts in one row instead of one each): they are published one by one, in order and
 * pipelined, so subscribers see the same messages as from single rows. A failure part way republishes
 * the whole batch on the retry, which consumers take in their stride as any repeat.
 */
public abstract class RedisChannelPublisher implements OutboxHandler {

	/** The field of a batch row that holds its messages. */
	static final String BATCH = "batch";

	private final String topic;

	private final byte[] channel;

	private final StringRedisTemplate redis;

	protected RedisChannelPublisher(String topic, String channel, StringRedisTemplate redis) {
		this.topic = topic;
		this.channel = channel.getBytes(StandardCharsets.UTF_8);
		this.redis = redis;
	}

	/**
	 * The payload of one outbox row that broadcasts all of {@code messages}, for
	 * {@link Outbox#enqueue}.
	 */
	public static Map<String, List<?>> batch(List<?> messages) {
		return Map.of(BATCH, messages);
	}

	@Override
	public final String topic() {
		return this.topic;
	}

	@Override
	public final void handle(JsonNode payload) {
		JsonNode batch = payload.get(BATCH);
		if (batch == null || !batch.isArray()) {
			this.redis.execute((RedisCallback<Long>) (connection) -> publish(connection, payload));
			return;
		}
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (JsonNode message : batch) {
				publish(connection, message);
			}
			return null;
		});
	}

	private Long publish(RedisConnection connection, JsonNode message) {
		return connection.publish(this.channel, message.toString().getBytes(StandardCharsets.UTF_8));
	}

}
