package com.saasgate.devsupport;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

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
