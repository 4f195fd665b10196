package com.saasgate.authbilling.usage;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.saasgate.devsupport.TestInfrastructure;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A subscriber of {@code user_quota_exhausted} on a connection of its own, as the gateway is one. */
final class QuotaChannel implements AutoCloseable {

	private static final String PROBE = "probe";

	private final LettuceConnectionFactory connections;

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private QuotaChannel() {
		this.connections = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(TestInfrastructure.redisUrl()));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.container.setConnectionFactory(this.connections);
		this.container.addMessageListener((message, pattern) -> this.received.add(new String(message.getBody())),
				new ChannelTopic(QuotaBroadcastHandler.CHANNEL));
		this.container.afterPropertiesSet();
		this.container.start();
	}

	/** Subscribed once a probe it published itself has come back. */
	static QuotaChannel subscribed() {
		QuotaChannel channel = new QuotaChannel();
		StringRedisTemplate redis = new StringRedisTemplate(channel.connections);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			redis.convertAndSend(QuotaBroadcastHandler.CHANNEL, PROBE);
			assertThat(channel.received).contains(PROBE);
		});
		return channel;
	}

	List<String> messagesFor(UUID user) {
		return this.received.stream().filter((message) -> message.contains("\"" + user + "\"")).toList();
	}

	@Override
	public void close() {
		this.container.stop();
		try {
			this.container.destroy();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		this.connections.destroy();
	}

}
