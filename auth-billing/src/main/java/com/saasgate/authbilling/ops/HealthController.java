package com.saasgate.authbilling.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.saasgate.authbilling.limits.AttemptLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} (api-contract.md section 7). The database is required: without it the answer
 * is 503 DOWN. Redis and SMTP are helpers: without them the service keeps working, so the answer is
 * 200 DEGRADED.
 */
@RestController
class HealthController {

	private static final Logger logger = LoggerFactory.getLogger(HealthController.class);

	/** Mail that should have gone out this long ago means SMTP is not taking it. */
	private static final Duration MAIL_BACKLOG = Duration.ofMinutes(5);

	private static final String OLDEST_OVERDUE_MAIL = """
			SELECT count(*) FROM outbox
			WHERE topic = 'email' AND delivered_at IS NULL AND dead_lettered_at IS NULL AND attempts > 0
			  AND created_at < :cutoff
			""";

	private final JdbcClient jdbc;

	private final StringRedisTemplate redis;

	private final AttemptLimiter limiter;

	private final Clock clock;

	HealthController(JdbcClient jdbc, StringRedisTemplate redis, AttemptLimiter limiter, Clock clock) {
		this.jdbc = jdbc;
		this.redis = redis;
		this.limiter = limiter;
		this.clock = clock;
	}

	@GetMapping("/health")
	ResponseEntity<Map<String, Object>> health() {
		Map<String, String> checks = new LinkedHashMap<>();
		checks.put("database", database());
		checks.put("redis", redis());
		checks.put("stripe", "NOT_CONFIGURED");
		checks.put("smtp", smtp(checks.get("database")));
		checks.put("config", "UP");
		String status = "UP";
		if (!"UP".equals(checks.get("database"))) {
			status = "DOWN";
		}
		else if (checks.containsValue("DOWN") || checks.containsValue("DEGRADED")) {
			status = "DEGRADED";
		}
		HttpStatus httpStatus = "DOWN".equals(status) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
		return ResponseEntity.status(httpStatus).body(Map.of("status", status, "checks", checks));
	}

	private String database() {
		try {
			this.jdbc.sql("SELECT 1").query(Integer.class).single();
			return "UP";
		}
		catch (RuntimeException ex) {
			logger.warn("Health: database check failed: {}", ex.getMessage());
			return "DOWN";
		}
	}

	private String redis() {
		if (!this.limiter.redisAvailable()) {
			return "DOWN";
		}
		try {
			this.redis.execute((RedisCallback<String>) (connection) -> connection.ping());
			return "UP";
		}
		catch (RuntimeException ex) {
			return "DOWN";
		}
	}

	private String smtp(String database) {
		if (!"UP".equals(database)) {
			return "UNKNOWN";
		}
		long overdue = this.jdbc.sql(OLDEST_OVERDUE_MAIL)
			.param("cutoff", Timestamp.from(this.clock.instant().minus(MAIL_BACKLOG)))
			.query(Long.class)
			.single();
		return (overdue == 0) ? "UP" : "DEGRADED";
	}

}
