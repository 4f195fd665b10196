package com.saasgate.authbilling.ops;

import java.util.List;

import com.saasgate.security.config.InvalidConfigurationException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection pool, built from {@code DATABASE_URL} rather than Spring's own datasource
 * properties, because platforms hand out {@code postgresql://user:pw@host/db} URLs that JDBC cannot
 * read. Boot's Hikari metrics still bind to it ({@code hikaricp_connections_*}).
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

	@Bean
	HikariDataSource dataSource(DatabaseProperties properties) {
		DatabaseUrl url = parse(properties.url());
		HikariConfig config = new HikariConfig();
		config.setPoolName("auth-billing");
		config.setJdbcUrl(url.jdbcUrl());
		if (url.username() != null) {
			config.setUsername(url.username());
		}
		if (url.password() != null) {
			config.setPassword(url.password());
		}
		config.setMaximumPoolSize(properties.poolMax());
		config.setMinimumIdle(Math.min(properties.poolMin(), properties.poolMax()));
		config.setConnectionTimeout(properties.connectionTimeout().toMillis());
		config.setIdleTimeout(properties.idleTimeout().toMillis());
		config.setMaxLifetime(properties.maxLifetime().toMillis());
		return new HikariDataSource(config);
	}

	/** Boot's, tolerant of a rollback on a connection an outage already dropped. */
	@Bean
	OutageTolerantTransactionManager transactionManager(javax.sql.DataSource dataSource) {
		return new OutageTolerantTransactionManager(dataSource);
	}

	// The parser's messages name DATABASE_URL and never the password: fit for the one-line report.
	private static DatabaseUrl parse(String url) {
		try {
			return DatabaseUrl.parse(url);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException(List.of(ex.getMessage()));
		}
	}

}
