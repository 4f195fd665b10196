package com.saasgate.authbilling.ops;

import io.lettuce.core.ClientOptions;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis is a helper here, never a dependency a request waits on: while the connection is down,
 * commands fail at once (and the callers' fallbacks answer) instead of queueing until they time out.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean
	LettuceClientConfigurationBuilderCustomizer failFastWhileDisconnected() {
		return (builder) -> builder.clientOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
	}

}
