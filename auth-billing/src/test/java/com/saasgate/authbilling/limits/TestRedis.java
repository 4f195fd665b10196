package com.saasgate.authbilling.limits;

import java.time.Duration;
import java.util.UUID;

import com.saasgate.devsupport.TestInfrastructure;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;

import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Connections to the test JVM's Redis, configured the way production should be: short timeouts. */
final class TestRedis {

	private TestRedis() {
	}

	static LettuceConnectionFactory connectionFactory() {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofMillis(500))
			.shutdownTimeout(Duration.ZERO)
			.clientOptions(ClientOptions.builder()
				.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
				// Fail at once while disconnected instead of queueing until the command timeout.
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build())
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(TestInfrastructure.redisUrl()), client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/** A normalised email no other test uses, so tests sharing the Redis never see each other's counts. */
	static String uniqueEmail() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}

}
