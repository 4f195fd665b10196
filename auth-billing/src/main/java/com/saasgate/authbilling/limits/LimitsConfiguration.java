package com.saasgate.authbilling.limits;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Wires the {@link AttemptLimiter} from Boot's Redis template and meter registry, using the
 * application's {@link Clock} bean when there is one.
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	AttemptLimiter attemptLimiter(StringRedisTemplate redis, MeterRegistry meters, ObjectProvider<Clock> clock) {
		return new AttemptLimiter(redis, meters, clock.getIfAvailable(Clock::systemUTC));
	}

}
