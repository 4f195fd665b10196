package com.saasgate.devsupport;

/**
 * One PostgreSQL and one Redis per test JVM: the embedded servers, started on first use and stopped
 * when the JVM exits, or the external servers named by {@code TEST_DATABASE_URL} and
 * {@code TEST_REDIS_URL}.
 */
public final class TestInfrastructure {

	private static PostgresServer postgres;

	private static RedisServer redis;

	private TestInfrastructure() {
	}

	/** A {@code DATABASE_URL}-style URL ({@code postgresql://user:password@host:port/db}). */
	public static synchronized String databaseUrl() {
		String external = System.getenv("TEST_DATABASE_URL");
		if (external != null && !external.isBlank()) {
			return external;
		}
		if (postgres == null) {
			postgres = PostgresServer.start();
			Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
		}
		return postgres.databaseUrl();
	}

	/** A {@code REDIS_URL}-style URL. */
	public static synchronized String redisUrl() {
		String external = System.getenv("TEST_REDIS_URL");
		if (external != null && !external.isBlank()) {
			return external;
		}
		return embeddedRedis().url();
	}

	/**
	 * The embedded Redis, for tests that stop and restart it; {@code null} when the tests run against
	 * an external Redis, which a test must not stop.
	 */
	public static synchronized RedisServer embeddedRedis() {
		String external = System.getenv("TEST_REDIS_URL");
		if (external != null && !external.isBlank()) {
			return null;
		}
		if (redis == null) {
			redis = RedisServer.start();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "embedded-redis-stop"));
		}
		return redis;
	}

}
