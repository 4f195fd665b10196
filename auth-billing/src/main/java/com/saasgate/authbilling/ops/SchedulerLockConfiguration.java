package com.saasgate.authbilling.ops;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.DatabaseProduct;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cluster-wide locks for scheduled jobs (ShedLock on the {@code shedlock} table). A
 * {@code @SchedulerLock} method runs on one replica at a time; an operator command that must not
 * overlap the job runs its work through {@link LockingTaskExecutor} under the job's lock name. Lock
 * times come from PostgreSQL's clock, not the replicas'. {@code lockAtMostFor} bounds how long a
 * crashed holder keeps a job from running elsewhere; each job states its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "10m")
class SchedulerLockConfiguration {

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("shedlock")
			// named, not detected: detection needs a connection, and a job whose first run met a database
			// outage failed on "DB time is not supported for unknown database product" instead of the outage
			.withDatabaseProduct(DatabaseProduct.POSTGRES_SQL)
			.usingDbTime()
			.build());
	}

	@Bean
	LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
		return new DefaultLockingTaskExecutor(lockProvider);
	}

}
