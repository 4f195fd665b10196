package com.saasgate.devsupport;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code scripts/dev} keeps between runs, under {@code .dev/}: the PostgreSQL data
 * ({@code postgres/}, and its last port), the dev secrets ({@code secrets.env}) and the caught mails
 * ({@code mail/}).
 */
record DevHome(Path root) {

	static DevHome standard() {
		return new DevHome(Path.of(".dev"));
	}

	Path postgres() {
		return this.root.resolve("postgres");
	}

	/** The port PostgreSQL listened on last time, tried first the next time. */
	Path postgresPort() {
		return this.root.resolve("postgres.port");
	}

	Path secrets() {
		return this.root.resolve("secrets.env");
	}

	Path mail() {
		return this.root.resolve("mail");
	}

	/** The processes the running launcher started (services, Redis): {@code pid startInstant} lines. */
	Path launcherPids() {
		return this.root.resolve("launcher.pids");
	}

	/** Notes the given processes (this launcher's children), so that a next start can stop them if this one is killed. */
	void rememberChildren(List<ProcessHandle> children) {
		StringBuilder lines = new StringBuilder();
		for (ProcessHandle child : children) {
			lines.append(child.pid()).append(' ')
				.append(child.info().startInstant().map(Instant::toString).orElse("-")).append('\n');
		}
		try {
			Files.createDirectories(this.root);
			Files.writeString(launcherPids(), lines);
		}
		catch (IOException ex) {
			// Only a convenience for the next start after a crash.
		}
	}

	/**
	 * Stops the processes a killed launcher left running (those of {@link #launcherPids()} that are still
	 * alive with the same start time, so never a stranger that got a recycled pid): SIGTERM, then SIGKILL
	 * after 20 s. Returns their pids.
	 */
	List<Long> stopLeftovers() {
		List<Long> stopped = new ArrayList<>();
		Path file = launcherPids();
		if (!Files.isRegularFile(file)) {
			return stopped;
		}
		List<ProcessHandle> leftovers = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(file)) {
				String[] fields = line.strip().split(" ");
				if (fields.length == 2) {
					leftover(fields[0], fields[1]).ifPresent(leftovers::add);
				}
			}
		}
		catch (IOException ex) {
			return stopped;
		}
		leftovers.forEach(ProcessHandle::destroy);
		for (ProcessHandle process : leftovers) {
			try {
				process.onExit().get(20, TimeUnit.SECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				process.destroyForcibly();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			stopped.add(process.pid());
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// Harmless: its processes are gone, so the next look finds nothing alive.
		}
		return stopped;
	}

	private static Optional<ProcessHandle> leftover(String pid, String started) {
		try {
			return ProcessHandle.of(Long.parseLong(pid))
				.filter(ProcessHandle::isAlive)
				.filter((p) -> p.info().startInstant().map(Instant::toString).orElse("-").equals(started)
						&& !"-".equals(started));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** {@code --fresh}: deletes the data, the secrets and the mails; returns what existed and is gone. */
	List<Path> wipe() {
		// Refuses while another dev suite uses the data; stops a server a killed launcher left behind.
		PostgresServer.stopOrphan(postgres().toAbsolutePath().normalize());
		List<Path> deleted = new ArrayList<>();
		for (Path path : List.of(postgres(), postgresPort(), secrets(), mail())) {
			if (Files.exists(path)) {
				deleteRecursively(path);
				deleted.add(path);
			}
		}
		return deleted;
	}

	private static void deleteRecursively(Path path) {
		try {
			Files.walkFileTree(path, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.delete(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
					if (failure != null) {
						throw failure;
					}
					Files.delete(directory);
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (IOException ex) {
			throw new DevSuiteException("Could not delete " + path + ": " + ex, ex);
		}
	}

}
