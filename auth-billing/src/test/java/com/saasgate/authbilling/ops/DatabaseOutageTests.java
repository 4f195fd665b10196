package com.saasgate.authbilling.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.StandaloneAuthBilling;
import com.saasgate.authbilling.support.TestMail;
import com.saasgate.authbilling.support.TestServiceTokens;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.devsupport.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops under a running auth-billing and comes back: requests answer {@code 503
 * service_unavailable} with {@code Retry-After} (never a 500 or a stack trace), {@code /health} keeps the
 * contract's shape with {@code database: DOWN}, readiness says no, each job logs one WARN for the outage
 * and one INFO when it recovers, and the service serves again once PostgreSQL is back. It has a
 * PostgreSQL of its own: the shared one serves every other test class.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

	private static final String RELAY_WARN = "Job OutboxRelay.relay: the database is unavailable";

	private static final String RELAY_QUIET = "Job OutboxRelay.relay: the database is still unavailable";

	private static PostgresServer postgres;

	private static ConfigurableApplicationContext app;

	private static Api api;

	private static Api management;

	@BeforeAll
	static void start() {
		postgres = PostgresServer.start();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("database.url", postgres.databaseUrl());
		properties.put("spring.mail.port", Integer.toString(TestMail.port()));
		properties.put("outbox.relay-interval", "100ms");
		properties.put("logging.level.com.saasgate.authbilling.ops.JobOutages", "DEBUG");
		app = StandaloneAuthBilling.start(properties);
		api = Api.local(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
		management = Api.local(Integer.parseInt(app.getEnvironment().getProperty("local.management.port")));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void requestsWhenPostgresStopsThenServiceUnavailableWithRetryAfterAndHealthDownUntilItReturns(CapturedOutput output) {
		String email = TestUsers.registered(api);
		String userId = userIdOf(email);
		assertThat(record(userId, "before-" + UUID.randomUUID()).status()).isEqualTo(201);

		postgres.stop();
		try {
			String key = "during-" + UUID.randomUUID();
			Api.Response usage = record(userId, key);
			assertThat(usage.status()).as(usage.toString()).isEqualTo(503);
			assertThat(usage.code()).isEqualTo("service_unavailable");
			assertThat(usage.header("Retry-After")).isEqualTo("2");
			assertThat(new String(usage.body())).doesNotContain("Exception", "SQL", "postgres", "JDBC");
			Api.Response login = api.post("/auth/login", Api.body("email", email, "password", TestUsers.PASSWORD));
			assertThat(login.status()).as(login.toString()).isEqualTo(503);
			assertThat(login.code()).isEqualTo("service_unavailable");

			Api.Response health = api.get("/health");
			assertThat(health.status()).as(health.toString()).isEqualTo(503);
			assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
			assertThat(health.json().get("checks").get("database").asString()).isEqualTo("DOWN");
			assertThat(health.json().get("checks").propertyNames()).containsExactlyInAnyOrder("database", "redis",
					"stripe", "smtp", "outbox", "config");
			Api.Response readiness = management.get("/actuator/health/readiness");
			assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);

			// the relay polls every 100 ms, each failed pass waiting up to DB_CONNECTION_TIMEOUT (2 s) for a
			// connection: several failed passes, one WARN
			await("the relay's quiet passes").atMost(Duration.ofSeconds(20))
				.until(() -> output.getOut().split(RELAY_QUIET, -1).length > 3);
			assertThat(output.getOut().split(RELAY_WARN, -1)).hasSize(2);
			assertThat(output.getOut()).doesNotContain("Unexpected error occurred in scheduled task");
			// a ShedLock job: taking its lock is what fails first, so the advice must sit outside ShedLock's
			runScheduled("trialExpiryJob", "run");
			runScheduled("trialExpiryJob", "run");
			assertThat(output.getOut().split("Job TrialExpiryJob.run: the database is unavailable", -1)).hasSize(2);

			postgres.restart();
			await("healthy again").atMost(Duration.ofSeconds(15)).until(() -> api.get("/health").status() == 200);
			await("the relay's recovery").atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut().contains("Job OutboxRelay.relay: recovered"));
			assertThat(record(userId, key).status()).as("the refused record, retried").isEqualTo(201);
			assertThat(record(userId, key).status()).as("and again: a duplicate").isEqualTo(200);
		}
		finally {
			postgres.restart();
		}
	}

	@Test
	void transactionWhenConnectionDiesMidwayThenTheOutageIsThrownNotTheFailedRollback() {
		TransactionTemplate transactions = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		Throwable thrown;
		try {
			thrown = catchThrowable(() -> transactions.executeWithoutResult((status) -> {
				jdbc.queryForObject("SELECT 1", Integer.class);
				postgres.stop();
				jdbc.queryForObject("SELECT 1", Integer.class);
			}));
		}
		finally {
			postgres.restart();
		}

		// Spring's own manager threw "Could not roll back JDBC transaction" here and logged the real failure
		assertThat(thrown).isInstanceOf(DataAccessException.class).isNotInstanceOf(TransactionSystemException.class);
		assertThat(DatabaseFailures.kind(thrown)).isEqualTo(DatabaseFailures.Kind.UNAVAILABLE);
		await("served again").atMost(Duration.ofSeconds(15)).until(() -> api.get("/health").status() == 200);
	}

	/** Calls a {@code @Scheduled} method as the scheduler does: through the bean's proxy. */
	private static void runScheduled(String bean, String method) {
		Object job = app.getBean(bean);
		java.lang.reflect.Method scheduled = org.springframework.util.ReflectionUtils
			.findMethod(org.springframework.aop.support.AopUtils.getTargetClass(job), method);
		org.springframework.util.ReflectionUtils.makeAccessible(scheduled);
		org.springframework.util.ReflectionUtils.invokeMethod(scheduled, job);
	}

	private static Api.Response record(String userId, String key) {
		String[] token = TestServiceTokens.header("intelligence");
		return api.post("/usage/record", Api.body("userId", userId, "resourceType", "llm_tokens", "amount", 3), token[0],
				token[1], "Idempotency-Key", key);
	}

	private static String userIdOf(String email) {
		try (var db = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
				var statement = db.prepareStatement("SELECT id::text FROM users WHERE email = ?")) {
			statement.setString(1, email);
			try (var row = statement.executeQuery()) {
				row.next();
				return row.getString(1);
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
