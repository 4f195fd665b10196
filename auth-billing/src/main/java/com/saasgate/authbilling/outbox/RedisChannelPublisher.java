package com.saasgate.authbilling.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.saasgate.security.contract.Channel;
import com.saasgate.security.contract.MalformedMessageException;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.JsonNode;

/**
 * The handler of a topic whose messages are published on a Redis {@link Channel} of the wire
 * contract. Each queued message is read as the channel's record and published in the channel's one
 * JSON form ({@link Channel#write}), the form every gateway reads; a message that is not the
 * channel's record can never be delivered and is dead-lettered at once. A Redis outage throws, so the
 * outbox retries: the broadcast is delayed, never lost. Delivery is at least once, so consumers must
 * take a repeated message in their stride.
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

	private final Channel<?> channel;

	private final byte[] channelName;

	private final StringRedisTemplate redis;

	/** Publishes the outbox's messages of the topic named as the channel on that channel. */
	protected RedisChannelPublisher(Channel<?> channel, StringRedisTemplate redis) {
		this.topic = channel.name();
		this.channel = channel;
		this.channelName = channel.name().getBytes(StandardCharsets.UTF_8);
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
	public final void handle(JsonNode payload) throws PermanentDeliveryFailure {
		JsonNode batch = payload.get(BATCH);
		if (batch == null || !batch.isArray()) {
			byte[] message = published(this.channel, payload);
			this.redis.execute((RedisCallback<Long>) (connection) -> connection.publish(this.channelName, message));
			return;
		}
		List<byte[]> messages = new ArrayList<>(batch.size());
		for (JsonNode message : batch) {
			messages.add(published(this.channel, message));
		}
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (byte[] message : messages) {
				connection.publish(this.channelName, message);
			}
			return null;
		});
	}

	/** The queued message in the channel's form, read and written by the contract's own record. */
	private static <M> byte[] published(Channel<M> channel, JsonNode queued) throws PermanentDeliveryFailure {
		try {
			return channel.write(channel.read(queued.toString())).getBytes(StandardCharsets.UTF_8);
		}
		catch (MalformedMessageException ex) {
			throw new PermanentDeliveryFailure(ex.getMessage(), null);
		}
	}

}
