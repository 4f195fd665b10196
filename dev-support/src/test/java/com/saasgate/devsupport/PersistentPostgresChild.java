package com.saasgate.devsupport;

import java.nio.file.Path;

/**
 * A launcher stand-in for {@link PersistentDataTests}: starts PostgreSQL on the data directory given as
 * its argument, prints {@code ready <port>} and waits to be killed (with SIGKILL, as a crash would).
 */
public final class PersistentPostgresChild {

	private PersistentPostgresChild() {
	}

	public static void main(String[] args) throws InterruptedException {
		PostgresServer postgres = PostgresServer.startPersistent(Path.of(args[0]), 0);
		System.out.println("ready " + postgres.port());
		System.out.flush();
		Thread.currentThread().join();
	}

}
