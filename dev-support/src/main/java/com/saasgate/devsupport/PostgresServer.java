package com.saasgate.devsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 server started from the io.zonky.test binaries, listening on a free loopback port.
 */
public final class PostgresServer implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private PostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/** Starts a fresh cluster in a temporary directory; it is removed again by {@link #close()}. */
	public static PostgresServer start() {
		try {
			return new PostgresServer(EmbeddedPostgres.builder()
				.setServerConfig("max_connections", "200")
				.setServerConfig("fsync", "off")
				.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	/** The platform-style URL that {@code DATABASE_URL} takes. */
	public String databaseUrl() {
		return "postgresql://postgres:postgres@localhost:" + port() + "/postgres";
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port() + "/postgres";
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
