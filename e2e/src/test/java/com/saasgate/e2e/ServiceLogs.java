package com.saasgate.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The log files of the suite's services, as dev-support writes them under {@code target/e2e/logs}. */
final class ServiceLogs {

	private ServiceLogs() {
	}

	/** auth-billing's log: {@code auth-billing.log}, or {@code auth-billing-N.log} once a test restarted it. */
	static Path authBilling() throws IOException {
		Path logs = Path.of(System.getProperty("e2e.workDirectory", "target/e2e"), "logs");
		try (var files = Files.list(logs)) {
			return files.filter((file) -> file.getFileName().toString().matches("auth-billing(-\\d+)?\\.log"))
				.max(Comparator.comparing((Path file) -> file.toFile().lastModified()))
				.orElseThrow();
		}
	}

}
