package com.saasgate.authbilling.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.saasgate.devsupport.TestInfrastructure;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber of one Redis channel ({@code user_tier_changed}, {@code user_quota_exhausted}) on a
 * connection of its own, as the gateway is one. Ready once a probe it published itself has come back,
 * so no message after that can be missed.
 */
public final class RedisChannel implements AutoCloseable {

	private static final String PROBE = "probe";

	private final LettuceConnectionFactory connections;

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final String name;

	private RedisChannel(String name) {
		this.name = name;
		this.connections = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(TestInfrastructure.redisUrl()));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.container.setConnectionFactory(this.connections);
		this.container.addMessageListener((message, pattern) -> this.received.add(new String(message.getBody())),
				new ChannelTopic(name));
		this.container.afterPropertiesSet();
		this.container.start();
	}

	public static RedisChannel subscribed(String name) {
		RedisChannel channel = new RedisChannel(name);
		StringRedisTemplate redis = new StringRedisTemplate(channel.connections);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			redis.convertAndSend(channel.name, PROBE);
			assertThat(channel.received).contains(PROBE);
		});
		return channel;
	}

	/** The messages received, probes left out. */
	public List<String> messages() {
		return this.received.stream().filter((message) -> !PROBE.equals(message)).toList();
	}

	/**
	 * The messages about one user. Other test contexts in this JVM run relays of their own over the
	 * same database, so a message of an earlier test may still be published while this one listens.
	 */
	public List<String> messagesFor(java.util.UUID user) {
		return messages().stream().filter((message) -> message.contains("\"" + user + "\"")).toList();
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
