package com.saasgate.authbilling.ops;

import java.sql.SQLException;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database outage is one WARN per job, then one INFO when it recovers; other failures go on as before. */
class JobOutagesTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger(JobOutages.class);

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final JobOutages outages = new JobOutages();

	@BeforeEach
	void capture() {
		this.log.start();
		this.logger.addAppender(this.log);
		this.logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.log);
		this.logger.setLevel(null);
	}

	@Test
	void runWhenDatabaseUnavailableForManyPassesThenOneWarnPerJobAndOneInfoOnRecovery() {
		for (int i = 0; i < 5; i++) {
			this.outages.run("OutboxRelay.relay", JobOutagesTests::databaseDown);
			this.outages.run("TrialExpiryJob.expire", JobOutagesTests::databaseDown);
		}
		assertThat(this.outages.isFailing("OutboxRelay.relay")).isTrue();
		this.outages.run("OutboxRelay.relay", () -> {
		});
		this.outages.run("OutboxRelay.relay", () -> {
		});

		assertThat(lines(Level.WARN)).containsExactly(
				"Job OutboxRelay.relay: the database is unavailable (SQLException: Connection to localhost:5432 refused.); quiet until it recovers",
				"Job TrialExpiryJob.expire: the database is unavailable (SQLException: Connection to localhost:5432 refused.); quiet until it recovers");
		assertThat(lines(Level.DEBUG)).hasSize(8);
		assertThat(lines(Level.INFO)).containsExactly("Job OutboxRelay.relay: recovered, the database is available again");
		assertThat(this.outages.isFailing("OutboxRelay.relay")).isFalse();
		assertThat(this.outages.isFailing("TrialExpiryJob.expire")).isTrue();
	}

	@Test
	void runWhenFailureIsNotAnOutageThenRethrownAndNotLoggedHere() {
		IllegalStateException bug = new IllegalStateException("a bug");

		assertThatThrownBy(() -> this.outages.run("UsageJobs.scheduledSweep", () -> {
			throw bug;
		})).isSameAs(bug);
		assertThat(this.log.list).isEmpty();
		assertThat(this.outages.isFailing("UsageJobs.scheduledSweep")).isFalse();
	}

	private static void databaseDown() {
		throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
				new SQLException("Connection to localhost:5432 refused.", "08001"));
	}

	private List<String> lines(Level level) {
		return this.log.list.stream().filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage).toList();
	}

}
