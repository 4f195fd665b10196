package com.saasgate.authbilling.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.saasgate.authbilling.limits.AttemptLimiter;
import com.saasgate.security.SecretPolicy;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The health checks of {@code GET /health} and the readiness group (api-contract section 7), as
 * Actuator indicators: {@code database} (required: DOWN makes the service unready and the answer
 * 503), {@code redis}, {@code smtp}, {@code outbox} (helpers: DEGRADED, still 200; {@code UNKNOWN}
 * while the database they are read from is down) and {@code config}. Stripe's is billing's ({@code stripe}). Details are never shown to callers.
 */
@Configuration(proxyBeanMethods = false)
class HealthIndicators {

	/** Mail that should have gone out this long ago means SMTP is not taking it. */
	static final Duration MAIL_BACKLOG = Duration.ofMinutes(5);

	/** A message waiting this long means the relay is stuck or its target down. */
	static final Duration OUTBOX_BACKLOG = Duration.ofMinutes(5);

	private static final String OVERDUE_MAIL = """
			SELECT count(*) FROM outbox
			WHERE topic = 'email' AND delivered_at IS NULL AND dead_lettered_at IS NULL AND attempts > 0
			  AND created_at < :cutoff
			""";

	private static final String OUTBOX_STATE = """
			SELECT (SELECT count(*) FROM outbox WHERE dead_lettered_at IS NOT NULL) AS dead_letters,
			       (SELECT min(created_at) FROM outbox WHERE delivered_at IS NULL AND dead_lettered_at IS NULL) AS oldest
			""";

	/** The secrets whose placeholders make a {@code prod} service unhealthy. */
	static final List<String> SECRETS = List.of("JWT_REFRESH_SECRET", "SERVICE_JWT_SECRET",
			"SERVICE_JWT_SECRET_GATEWAY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET");

	/**
	 * How long after the database check failed the checks that read their state from the database
	 * answer {@code UNKNOWN} at once, rather than each waiting {@code DB_CONNECTION_TIMEOUT} for a
	 * connection that will not come: during an outage {@code /health} answers in one timeout, not three.
	 */
	static final Duration DATABASE_DOWN_MEMORY = Duration.ofSeconds(10);

	/** When the database check last failed, or {@code null} since it last passed. */
	private final AtomicReference<Instant> databaseDownAt = new AtomicReference<>();

	/**
	 * {@code SELECT 1}; DOWN when it fails for any reason. A check that throws would not be DOWN but an
	 * error answer instead of the health document, so every check here catches.
	 */
	@Bean
	HealthIndicator databaseHealthIndicator(JdbcClient jdbc, Clock clock) {
		return () -> {
			try {
				jdbc.sql("SELECT 1").query(Integer.class).single();
				this.databaseDownAt.set(null);
				return Health.up().build();
			}
			catch (RuntimeException ex) {
				this.databaseDownAt.set(clock.instant());
				return Health.down().build();
			}
		};
	}

	/**
	 * A check that reads its state from the database: {@code UNKNOWN} (which does not lower the total)
	 * while the database is down, since then its state cannot be known.
	 */
	private HealthIndicator fromDatabase(Clock clock, Supplier<Health> check) {
		return () -> {
			Instant down = this.databaseDownAt.get();
			if (down != null && clock.instant().isBefore(down.plus(DATABASE_DOWN_MEMORY))) {
				return Health.unknown().build();
			}
			try {
				return check.get();
			}
			catch (RuntimeException ex) {
				if (DatabaseFailures.isUnavailable(ex)) {
					this.databaseDownAt.set(clock.instant());
				}
				return Health.unknown().build();
			}
		};
	}

	@Bean
	HealthIndicator redisHealthIndicator(StringRedisTemplate redis, AttemptLimiter limiter) {
		return () -> {
			if (!limiter.redisAvailable()) {
				return Health.status(HealthStatuses.DEGRADED).withDetail("limits", "in-memory fallback").build();
			}
			try {
				redis.execute((RedisCallback<String>) (connection) -> connection.ping());
				return Health.up().build();
			}
			catch (RuntimeException ex) {
				return Health.status(HealthStatuses.DEGRADED).withException(ex).build();
			}
		};
	}

	@Bean
	HealthIndicator smtpHealthIndicator(JdbcClient jdbc, Clock clock) {
		return fromDatabase(clock, () -> {
			long overdue = jdbc.sql(OVERDUE_MAIL)
				.param("cutoff", Timestamp.from(clock.instant().minus(MAIL_BACKLOG)))
				.query(Long.class)
				.single();
			return ((overdue == 0) ? Health.up() : Health.status(HealthStatuses.DEGRADED)).withDetail("overdue", overdue)
				.build();
		});
	}

	@Bean
	HealthIndicator outboxHealthIndicator(JdbcClient jdbc, Clock clock) {
		return fromDatabase(clock, () -> jdbc.sql(OUTBOX_STATE).query((rs, rowNum) -> {
			long deadLetters = rs.getLong("dead_letters");
			Timestamp oldest = rs.getTimestamp("oldest");
			Duration age = (oldest != null) ? Duration.between(oldest.toInstant(), clock.instant()) : Duration.ZERO;
			boolean healthy = deadLetters == 0 && age.compareTo(OUTBOX_BACKLOG) < 0;
			return (healthy ? Health.up() : Health.status(HealthStatuses.DEGRADED)).withDetail("deadLetters", deadLetters)
				.withDetail("oldestPendingSeconds", age.toSeconds())
				.build();
		}).single());
	}

	/** Start-up refuses placeholders in {@code prod}; this says so again should one get past it. */
	@Bean
	HealthIndicator configHealthIndicator(Environment environment) {
		boolean production = environment.matchesProfiles("prod");
		return () -> {
			List<String> placeholders = SECRETS.stream()
				.filter((name) -> {
					String value = environment.getProperty(name);
					return value != null && SecretPolicy.isPlaceholder(value);
				})
				.toList();
			return ((production && !placeholders.isEmpty()) ? Health.down() : Health.up())
				.withDetail("placeholders", placeholders)
				.build();
		};
	}

}
